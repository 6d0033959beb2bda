"""Responsive images: our uploaded images get width, height, `srcset` and `sizes` built
from our records; member text never supplies a srcset; the smaller widths are served with
the same headers as the original."""

from __future__ import annotations

import io
import re

from core.extensions import db
from core.markup import IMAGE_SIZES, render_now, sanitise
from files.uploads import Upload, markdown_for, upload
from tests.files import samples
from tests.files.conftest import fetch
from wiki import saving

SHA = "a" * 64


def test_member_written_srcset_and_sizes_never_survive_rendering():
    for html in ('<img src="/x.png" alt="x" srcset="https://evil.example/a.png 2x">',
                 f'<img src="/x.png" alt="x" srcset="/files/{SHA}/a.png 480w" '
                 f'sizes="{IMAGE_SIZES}">'):
        out = render_now(html).html
        assert "srcset" not in out and "sizes" not in out and 'src="/x.png"' in out


def test_the_sanitiser_keeps_only_our_srcset_shape():
    ours = (f'<img src="/files/{SHA}/a.png" alt="x" srcset="/files/{SHA}/a.png 480w, '
            f'/files/{SHA}/a%20b.png 1200w" sizes="{IMAGE_SIZES}">')
    assert sanitise(ours) == ours  # idempotent: a restore keeps it
    for bad in ("https://evil.example/a.png 480w", "//evil.example/a.png 480w",
                f"/files/{SHA}/a.png 480w, https://evil.example/b.png 960w",
                f"/files/{SHA}/a.png 2x", "javascript:alert(1) 480w",
                f"/files/{SHA}/a.png 480w,/files/{SHA}/b.png 960w",
                f"/files/{SHA}/a\".png 480w"):
        out = sanitise(f'<img src="/a.png" alt="" srcset="{bad}">')
        assert "srcset" not in out and "evil" not in out, bad
    assert "sizes" not in sanitise('<img src="/a.png" alt="" sizes="100vw">')
    assert "srcset" not in sanitise(f'<p srcset="/files/{SHA}/a.png 480w">x</p>')


def test_an_article_image_gets_its_sizes_and_they_are_served_like_the_original(
        app, member, client):
    photo = upload(member, Upload(io.BytesIO(samples.image("JPEG", size=(1200, 800))),
                                  "reading room.jpg", alt="The reading room"))
    small = upload(member, Upload(io.BytesIO(samples.image("PNG", size=(300, 200))),
                                  "icon.png", alt="An icon"))
    db.session.commit()
    body = f"Our room:\n\n{markdown_for(photo)}\n\nAnd {markdown_for(small)}"
    html = saving.create_article(member, title="Reading room", body=body).revision.html
    db.session.commit()
    tag = re.search(r"<img[^>]*reading%20room[^>]*>", html).group(0)
    assert 'width="1200" height="800"' in tag and f'sizes="{IMAGE_SIZES}"' in tag
    srcset = re.search(r'srcset="([^"]*)"', tag).group(1)
    candidates = [item.split(" ") for item in srcset.split(", ")]
    assert [width for _url, width in candidates] == ["480w", "960w", "1200w"]
    assert candidates[-1][0] == f"/files/{photo.sha256}/reading%20room.jpg"
    icon = re.search(r"<img[^>]*icon\.png[^>]*>", html).group(0)
    assert 'width="300" height="200"' in icon and "srcset" not in icon  # no smaller sizes
    assert sanitise(html) == html  # what is stored survives a restore's sanitising
    for url, _width in candidates:
        response = fetch(client, url)
        assert response.status_code == 200
        assert response.headers["Content-Type"] == "image/jpeg"
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Content-Security-Policy"].startswith("sandbox")
        sha = url.split("/")[2]
        assert response.headers["ETag"] == f'"{sha}"'
        assert "immutable" in response.headers["Cache-Control"]
        assert fetch(client, url, headers={"If-None-Match": f'"{sha}"'}).status_code == 304
    assert len({url for url, _width in candidates}) == 3


def test_the_demo_article_shows_its_floor_plan(demo, client):
    page = client.get("/wiki/starting-a-library-makerspace").get_data(as_text=True)
    tag = re.search(r'<img[^>]*alt="Floor plan of our makerspace[^>]*>', page).group(0)
    assert 'width="1200" height="800"' in tag and "srcset" in tag
    src = re.search(r'src="([^"]*)"', tag).group(1)
    response = fetch(client, src)
    assert response.status_code == 200 and response.headers["Content-Type"] == "image/png"
    assert "makerspace-floor-plan.png" in page  # listed under Attachments
