"""Files in the browser: a member uploads an image beside the editor (the script puts its
Markdown at the cursor), publishes, and the article shows the image and its attachment
list, accessibly. Hostile bytes opened straight from their address run nothing: an HTML
page or an SVG with script stored as if it were an image (what a mistaken type check would
leave) is shown as a broken image, sandboxed, and the SVG upload itself is refused."""

from __future__ import annotations

import io

from playwright.sync_api import expect

from core import accounts
from core.extensions import db
from tests.e2e.helpers import assert_accessible, create_user, sign_in
from tests.files import samples

PAYLOAD = (b"<script>document.title='PWNED';alert('ran')</script>"
           b"<img src=x onerror=\"document.title='PWNED'\">")


def _stored_as_png(app, data: bytes, name: str) -> str:
    """Bytes put straight into the storage with a record that says PNG, bypassing the
    upload's checks, and used by a public article so that anyone may fetch them."""
    from files.models import StoredFile
    from files.storage import get_storage
    from wiki import saving

    with app.app_context():
        sha, size = get_storage().put(io.BytesIO(data))
        owner = accounts.get_by_username("fila")
        db.session.add(StoredFile(sha256=sha, size=size, media_type="image/png", name=name,
                                  uploader_id=owner.id, alt="x"))
        db.session.flush()
        saving.create_article(owner, title=f"Hostile {name}",
                              body=f"[{name}](/files/{sha}/{name})")
        db.session.commit()
    return f"/files/{sha}/{name}"


def test_upload_an_image_beside_the_editor_and_hostile_files_run_nothing(
        page, live_server, console, tmp_path):
    create_user(live_server.app, "fila", display_name="Fila Files")
    sign_in(page, "fila", next_path="/wiki/new?blank=1")
    page.get_by_label("Title", exact=True).fill("Makerspace floor plan")
    page.get_by_label("Text", exact=True).fill("Where everything is:\n")
    page.get_by_text("Add an image or file").click()
    png = tmp_path / "plan.png"
    png.write_bytes(samples.image("PNG", (1200, 800), "navy"))
    page.get_by_label("File to upload").set_input_files(str(png))
    page.get_by_label("Description of the image (alt text)").fill(
        "Floor plan: the laser cutter by the window")
    page.get_by_role("button", name="Upload", exact=True).click()
    expect(page.get_by_role("status").filter(has_text="Uploaded")).to_contain_text("plan.png")
    expect(page.get_by_label("Text", exact=True)).to_have_value(
        __import__("re").compile(r"!\[Floor plan: the laser cutter by the window\]\(/files/"))
    # An image pasted into the text is uploaded and put where the cursor is.
    page.get_by_label("Description of the image (alt text)").fill("The sewing corner")
    page.evaluate("""async () => {
        const canvas = document.createElement('canvas');
        canvas.width = 30; canvas.height = 20;
        canvas.getContext('2d').fillRect(0, 0, 30, 20);
        const blob = await new Promise(done => canvas.toBlob(done, 'image/png'));
        const data = new DataTransfer();
        data.items.add(new File([blob], 'pasted.png', {type: 'image/png'}));
        const area = document.getElementById('body');
        area.focus();
        area.dispatchEvent(new ClipboardEvent('paste', {clipboardData: data, bubbles: true,
                                                        cancelable: true}));
    }""")
    expect(page.get_by_label("Text", exact=True)).to_have_value(
        __import__("re").compile(r"!\[The sewing corner\]\(/files/[0-9a-f]{64}/pasted\.png\)"))
    assert_accessible(page, "the editor with its upload open")
    page.get_by_role("button", name="Publish article").click()
    image = page.get_by_role("img", name="Floor plan: the laser cutter by the window")
    expect(image).to_be_visible()
    # Its width and height are written (no layout shift) and the browser takes a smaller
    # width from the srcset the site built (the text column is narrower than 1200 px).
    shown = page.evaluate("""() => { const img = document.querySelector('.prose img');
        return [img.getAttribute('width'), img.getAttribute('height'), img.naturalWidth,
                new URL(img.currentSrc).pathname,
                img.getAttribute('srcset').split(', ').map(c => c.split(' ')[0])]; }""")
    width, height, _natural, current, candidates = shown
    assert (width, height) == ("1200", "800") and len(candidates) == 3, shown
    assert current in candidates[:2], shown  # 480w or 960w, not the 1200-pixel original
    expect(page.get_by_role("region", name="Attachments")).to_contain_text("PNG image")
    assert_accessible(page, "an article with an image and its attachments")

    # The upload of an SVG with script is refused, with the reason (a 422 page).
    console.allow(r"status of 422")
    page.goto("/files/upload")
    svg = tmp_path / "logo.svg"
    svg.write_bytes(samples.SVG)
    page.get_by_label("File to upload").set_input_files(str(svg))
    page.get_by_role("button", name="Upload", exact=True).click()
    expect(page.get_by_role("main")).to_contain_text("SVG images are not accepted")
    assert_accessible(page, "the upload page with a refusal")

    # Bytes that would run if a browser rendered them as a page: opened from their URL,
    # nothing runs (nosniff keeps them an image; the sandbox would stop scripts anyway).
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for data, name in ((b"<!doctype html><html><body>" + PAYLOAD + b"</body></html>",
                        "page.png"), (samples.SVG.replace(b"alert(1)", b"alert('svg')"),
                                      "drawing.png")):
        url = _stored_as_png(live_server.app, data, name)
        response = page.goto(url)
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["content-security-policy"].startswith("sandbox")
        page.wait_for_timeout(300)
        assert page.title() != "PWNED"
        assert page.evaluate("document.querySelectorAll('script').length") == 0
    assert dialogs == []
