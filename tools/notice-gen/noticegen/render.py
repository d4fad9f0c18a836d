"""The one renderer: a notice template plus its values drawn on 300 DPI letter pages with Pillow.

Pages are 2550x3300 gray pixels (8.5x11 in at 300 DPI); 10 pt is about 42 px. Two layouts: "cp"
(the computer-paragraph notices: sender and a label/value header block, headline, billing table
beside the action column, notes, and a tear-off stub) and "letter" (header lines at the right,
titles, paragraphs, a tax-period table, signature). A template chooses the layout and the words;
the caller chooses the font family and a size scale, so fonts vary independently of layouts.
"""
import os

from PIL import Image, ImageDraw, ImageFont

PAGE_WIDTH, PAGE_HEIGHT = 2550, 3300
FONT_DIR = "/usr/share/fonts/truetype"
# Each family: (regular, bold). DejaVu and Liberation as before, FreeFont as a third family.
FAMILIES = {
    "dejavu-sans": ("dejavu/DejaVuSans.ttf", "dejavu/DejaVuSans-Bold.ttf"),
    "liberation-sans": ("liberation/LiberationSans-Regular.ttf", "liberation/LiberationSans-Bold.ttf"),
    "freesans": ("freefont/FreeSans.ttf", "freefont/FreeSansBold.ttf"),
    "dejavu-serif": ("dejavu/DejaVuSerif.ttf", "dejavu/DejaVuSerif-Bold.ttf"),
    "liberation-serif": ("liberation/LiberationSerif-Regular.ttf", "liberation/LiberationSerif-Bold.ttf"),
    "freeserif": ("freefont/FreeSerif.ttf", "freefont/FreeSerifBold.ttf"),
}
SANS_FAMILIES = ["dejavu-sans", "liberation-sans", "freesans"]
SERIF_FAMILIES = ["dejavu-serif", "liberation-serif", "freeserif"]
MONO_FONT = "dejavu/DejaVuSansMono.ttf"
FONT_PACKAGES = "fonts-dejavu-core fonts-liberation fonts-freefont-ttf"
# The stub starts here on a CP page; page-1 content must end above it.
STUB_TOP = 2270
CONTENT_BOTTOM = 2200

_font_cache = {}


def font_file(relative):
    path = os.path.join(FONT_DIR, relative)
    if not os.path.exists(path):
        raise SystemExit("notice-gen: font {} missing; install: apt-get install {}".format(path, FONT_PACKAGES))
    return path


def load_font(relative, size):
    key = (relative, size)
    if key not in _font_cache:
        _font_cache[key] = ImageFont.truetype(font_file(relative), size)
    return _font_cache[key]


class Page:
    """One page being drawn: a cursor y, a family and a size scale."""

    def __init__(self, family, scale):
        self.image = Image.new("L", (PAGE_WIDTH, PAGE_HEIGHT), 255)
        self.draw = ImageDraw.Draw(self.image)
        self.regular, self.bold = FAMILIES[family]
        self.scale = scale
        self.y = 0

    def font(self, size, bold=False):
        return load_font(self.bold if bold else self.regular, max(8, int(size * self.scale)))

    def text(self, x, y, s, size, bold=False, align="left"):
        anchor = {"left": "ls", "right": "rs", "center": "ms"}[align]
        self.draw.text((x, y), s, fill=0, font=self.font(size, bold), anchor=anchor)

    def mono(self, x, y, s, size):
        self.draw.text((x, y), s, fill=0, font=load_font(MONO_FONT, size), anchor="ls")

    def hline(self, x0, x1, y, width=3):
        self.draw.line([(x0, y), (x1, y)], fill=0, width=width)

    def box(self, x0, y0, x1, y1, width=3):
        self.draw.rectangle([x0, y0, x1, y1], outline=0, width=width)

    def wrap(self, s, width, size, bold=False):
        """Lines of s that fit width pixels; a date 'Month D, YYYY' is never split."""
        font = self.font(size, bold)
        words = s.replace(", 19", ",\u00a019").replace(", 20", ",\u00a020").split()
        words = _join_dates(words)
        lines, line = [], ""
        for word in words:
            trial = word if not line else line + " " + word
            if line and font.getlength(trial.replace("\u00a0", " ")) > width:
                lines.append(line)
                line = word
            else:
                line = trial
        if line:
            lines.append(line)
        return [l.replace("\u00a0", " ") for l in lines]

    def paragraph(self, x, width, s, size, leading, bold=False):
        """Draws s wrapped at the cursor; a leading '• ' hangs its continuation lines."""
        indent = 0
        if s.startswith("• "):
            self.text(x, self.y, "•", size, bold)
            indent = int(size * 0.9 * self.scale)
            s = s[2:]
        for line in self.wrap(s, width - indent, size, bold):
            self.text(x + indent, self.y, line, size, bold)
            self.y += int(leading * self.scale)

    def items(self, x, width, size, leading, items):
        """'#Heading', 'row:label|value', '• bullet' or plain text, one after the other."""
        step = int(leading * self.scale)
        for item in items:
            if item.startswith("#"):
                self.y += step // 3
                self.text(x, self.y, item[1:], size, bold=True)
                self.y += step
            elif item.startswith("row:"):
                label, value = item[4:].split("|", 1)
                self.text(x + 40, self.y, label, size)
                self.text(x + width, self.y, value, size, align="right")
                self.y += step
            else:
                self.paragraph(x, width, item, size, leading)
                self.y += step // 4

    def logo(self, x, y, percent=100):
        """A plain boxed 'IRS' mark (not the real seal)."""
        s = percent / 100
        self.box(x, y, x + int(220 * s), y + int(120 * s), 6)
        self.draw.text((x + int(110 * s), y + int(87 * s)), "IRS", fill=0,
                       font=load_font(FAMILIES["dejavu-sans"][1], int(70 * s)), anchor="ms")

    def key_values(self, x_label, x_value, y, step, size, pairs, bold_first):
        for index, (label, value) in enumerate(pairs):
            self.text(x_label, y, label, size)
            self.text(x_value, y, value, size, bold=bold_first and index == 0)
            y += int(step * self.scale)
        return y


def _join_dates(words):
    """Keeps 'March' '4,' together with the year already joined: 'March 4, 2024' on one line."""
    out = []
    for word in words:
        if out and out[-1] in _MONTH_NAMES and word[:1].isdigit():
            out[-1] = out[-1] + "\u00a0" + word
        else:
            out.append(word)
    return out


_MONTH_NAMES = {"January", "February", "March", "April", "May", "June", "July", "August", "September",
                "October", "November", "December"}


def render_cp_front(doc, family, scale, notes_kept):
    """Page 1 of a CP notice; returns (page, bottom of the content)."""
    page = Page(family, scale)
    page.logo(150, 150)
    page.y = 190
    for line in doc["sender"]:
        page.text(410, page.y, line, 40)
        page.y += 48
    page.key_values(1400, 1960, 190, 50, 42, doc["header"], bold_first=True)
    page.y = 630
    for line in doc["address"]:
        page.text(300, page.y, line, 46)
        page.y += 54
    page.y += 90
    page.paragraph(150, 2250, doc["headline"], 68, 84, bold=True)
    page.y += 4
    for line in doc["keys"]:
        page.paragraph(150, 2250, line, 52, 68, bold=True)
    page.y += 30
    for line in doc["intro"]:
        page.paragraph(150, 2250, line, 44, 55)
        page.y += 18
    top = page.y + 40
    left_bottom = _billing_table(page, doc, top)
    right_bottom = top
    if doc["actions"]:
        page.y = top
        page.text(1350, page.y, doc["actions_title"], 50, bold=True)
        page.y += 22
        page.hline(1350, 2400, page.y, 4)
        page.y += 50
        page.items(1350, 1050, 42, 51, doc["actions"])
        right_bottom = page.y
    page.y = max(left_bottom, right_bottom) + 20
    page.items(150, 2250, 42, 51, doc["notes"][:notes_kept])
    bottom = page.y
    page.text(150, 2215, doc["footer"], 33)
    page.text(2400, 2215, "Continued on back...", 33, align="right")
    _stub(page, doc)
    return page, bottom


def _billing_table(page, doc, top):
    if not doc["rows"]:
        return top
    page.y = top
    page.text(150, page.y, doc["table_title"], 50, bold=True)
    page.y += 22
    page.hline(150, 1200, page.y, 4)
    page.y += 62
    for label, amount, is_total in doc["rows"]:
        if is_total:
            page.hline(150, 1200, page.y - 48, 3)
            page.y += 6
        lines = page.wrap(label, 830, 42, bold=is_total)
        for line in lines:
            page.text(150, page.y, line, 42, bold=is_total)
            page.y += 54
        page.text(1200, page.y - 54, amount, 42, bold=is_total, align="right")
        page.y += 8
    return page.y


def _stub(page, doc):
    stub = doc["stub"]
    if stub["kind"] == "none":
        return
    y0 = STUB_TOP
    for x in range(60, 2490, 36):
        page.hline(x, x + 22, y0)
    page.text(1275, y0 + 40, "Detach here and return this part with your payment or response", 30, align="center")
    if stub["kind"] == "waiver":
        _waiver(page, doc, y0)
        return
    page.logo(150, y0 + 80, 70)
    page.text(330, y0 + 125, "Department of the Treasury", 38)
    page.text(330, y0 + 170, "Internal Revenue Service", 38)
    page.key_values(1400, 1960, y0 + 115, 50, 40, doc["stub_header"], bold_first=True)
    if stub["kind"] == "pay":
        page.box(1330, y0 + 285, 2420, y0 + 460, 4)
        lines = page.wrap(stub["label"], 1040 - page.font(42, True).getlength(stub["amount"]) - 30, 42, True)
        if len(lines) == 1:
            page.text(1360, y0 + 390, lines[0], 42, bold=True)
        else:
            page.text(1360, y0 + 355, lines[0], 42, bold=True)
            page.text(1360, y0 + 425, " ".join(lines[1:]), 42, bold=True)
        page.text(2395, y0 + 425 if len(lines) > 1 else y0 + 390, stub["amount"], 42, bold=True, align="right")
        page.text(1360, y0 + 530, "Amount you are paying", 42)
        page.box(1980, y0 + 480, 2420, y0 + 560, 3)
        page.text(1995, y0 + 533, "$", 42)
        page.y = y0 + 290
        for line in stub["text"]:
            page.paragraph(150, 1100, line, 40, 52)
            page.y += 16
    else:
        page.text(150, y0 + 320, stub["label"], 46, bold=True)
        page.y = y0 + 390
        for line in stub["text"]:
            page.paragraph(150, 2200, line, 42, 54)
            page.y += 24
        page.text(1400, y0 + 320, "Daytime phone number  (____) ____-________", 42)
    y = y0 + 680
    for line in doc["address"]:
        page.text(150, y, line, 42)
        y += 52
    page.text(1400, y0 + 680, "INTERNAL REVENUE SERVICE", 46, bold=True)
    page.text(1400, y0 + 736, doc["remit"], 46, bold=True)
    page.mono(300, y0 + 930, "0000000000 00 0000 00 0 000000 000 00000000000", 46)


def _waiver(page, doc, y0):
    stub = doc["stub"]
    page.text(150, y0 + 110, stub["label"], 54, bold=True)
    page.text(150, y0 + 175, "{}   {}".format(doc["address"][0], doc["id_line"]), 40)
    y = y0 + 250
    for label, value in stub["pairs"]:
        page.text(150, y, label, 42)
        page.text(1300, y, value, 42, align="right")
        y += 56
    page.y = y0 + 470
    for line in stub["text"]:
        page.paragraph(150, 2250, line, 40, 52)
    page.y += 80
    for caption in ("Your signature", "Spouse's signature, if a joint return was filed"):
        page.hline(150, 1300, page.y)
        page.hline(1500, 2200, page.y)
        page.text(150, page.y + 45, caption, 36)
        page.text(1500, page.y + 45, "Date", 36)
        page.y += 170


def render_cp_back(doc, family, scale):
    page = Page(family, scale)
    page.key_values(1550, 2020, 170, 46, 38, doc["stub_header"] + [("Page 2 of " + doc["pages"], "")], False)
    page.y = 480
    page.items(150, 2250, 44, 58, doc["back"])
    page.text(150, 3150, doc["footer"], 33)
    return page


def render_letter(doc, family, scale):
    page = Page(family, scale)
    page.logo(150, 150, 80)
    page.y = 190
    for line in doc["sender"]:
        page.text(360, page.y, line, 42)
        page.y += 50
    page.y = 190
    for line in doc["letter_header"]:
        page.text(1300, page.y, line, 42)
        page.y += int(52 * scale)
    page.y = max(page.y + 40, 720)
    for line in doc["address"]:
        page.text(300, page.y, line, 46)
        page.y += 54
    page.y += 100
    for line in doc["titles"]:
        page.paragraph(150, 2250, line, 54, 66, bold=True)
    page.y += 30
    for line in doc["keys"]:
        page.paragraph(150, 2250, line, 48, 62, bold=True)
    page.y += 40
    for line in doc["paragraphs_before"]:
        page.paragraph(150, 2250, line, 46, 58)
        page.y += 26
    _letter_table(page, doc["letter_table"])
    for line in doc["paragraphs_after"]:
        page.paragraph(150, 2250, line, 46, 58)
        page.y += 26
    page.y += 60
    for line in doc["signature"]:
        page.text(150, page.y, line, 46)
        page.y += 58
    page.text(150, 3150, doc["footer"], 36)
    page.text(2400, 3150, "Page 1 of 2", 36, align="right")
    return page, page.y


def _letter_table(page, table):
    """Columns 0 and 1 left-aligned at their x, the others right-aligned at their right edge."""
    if not table:
        return
    columns = [150, 400, 1100, 1550, 2000, 2400]
    page.y += 10
    page.hline(150, 2400, page.y - 45)
    top = bottom = page.y
    for index, heading in enumerate(table["columns"]):
        y = top
        for line in page.wrap(heading, 250 if index < 2 else 300, 40, True):
            page.text(columns[index], y, line, 40, bold=True, align="left" if index < 2 else "right")
            y += 48
        bottom = max(bottom, y)
    page.y = bottom
    page.hline(150, 2400, page.y - 30, 2)
    page.y += 30
    for row in table["rows"]:
        for index, cell in enumerate(row):
            page.text(columns[index], page.y, cell, 44, align="left" if index < 2 else "right")
        page.y += 60
    page.hline(150, 2400, page.y - 35)
    page.y += 60


def render_document(doc, family, scale, two_pages=False):
    """The page images of a prepared document (see templates.prepare)."""
    if doc["layout"] == "letter":
        page, _ = render_letter(doc, family, scale)
        return [page.image]
    kept = len(doc["notes"])
    while True:
        page, bottom = render_cp_front(doc, family, scale, kept)
        if bottom <= CONTENT_BOTTOM or kept == 0:
            break
        kept -= 1  # drop the last note and any heading left without its text
        while kept > 0 and doc["notes"][kept - 1].startswith("#"):
            kept -= 1
    pages = [page.image]
    if two_pages:
        pages.append(render_cp_back(doc, family, scale).image)
    return pages


def render_text_columns(lines, family, size, columns=2, header_lines=0):
    """Text lines as printed (e.g. a real notice's text layer) flowed into columns on one page.

    header_lines > 0 first puts that many lines in a narrow block at the top right, as the header
    block of a CP notice. Returns the page image, or None when the text does not fit at this size.
    """
    page = Page(family, 1.0)
    leading = int(size * 1.22)
    margin, gap = 130, 70
    y_start = 170
    if header_lines:
        y = y_start
        for line in lines[:header_lines]:
            for part in page.wrap(line, 1000, size):
                page.text(1400, y, part, size)
                y += leading
        page.text(150, y_start + leading, "Department of the Treasury", size, bold=True)
        y_start = y + leading
        lines = lines[header_lines:]
    width = (PAGE_WIDTH - 2 * margin - gap * (columns - 1)) // columns
    column, y = 0, y_start
    for line in lines:
        parts = page.wrap(line, width, size) or [""]
        for part in parts:
            if y > PAGE_HEIGHT - 130:
                column, y = column + 1, y_start
                if column == columns:
                    return None
            page.text(margin + column * (width + gap), y, part, size)
            y += leading
    return page.image
