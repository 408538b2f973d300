"""Posts to a SourceForge-style Mailman list: the list's headers, and its footer with a sponsor's advert."""

from __future__ import annotations

SF_FOOTER = (
    "\n\n-------------------------------------------------------\n"
    "This sf.net email is sponsored by: ThinkGeek\nWelcome to geek heaven.\nhttp://thinkgeek.com/sf\n"
    "_______________________________________________\n"
    "Webmake-talk mailing list\nWebmake-talk@lists.sourceforge.net\n"
    "https://lists.sourceforge.net/lists/listinfo/webmake-talk\n"
)
LIST_HEADERS = (
    "List-Post: <mailto:webmake-talk@lists.sourceforge.net>\r\n"
    "List-Id: Discussion of WebMake. <webmake-talk.lists.sourceforge.net>\r\n"
    "X-BeenThere: webmake-talk@lists.sourceforge.net\r\n"
)


def list_post(subject: str, body: str, *, number: int) -> bytes:
    headers = (
        f"Received: from list.example.org (list.example.org [81.2.69.{number}]) by mx.reporter.test; "
        "Sat, 7 Sep 2002 16:28:40 -0700\r\n"
        f"From: poster{number}@sender{number}.test\r\nTo: webmake-talk@lists.sourceforge.net\r\n"
        f"Subject: {subject}\r\nDate: Sat, 7 Sep 2002 16:28:40 -0700\r\n"
        f"Message-ID: <{number}@sender{number}.test>\r\n{LIST_HEADERS}"
        "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n"
    )
    return (headers + (body + SF_FOOTER).replace("\n", "\r\n")).encode()
