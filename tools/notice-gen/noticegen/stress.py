"""Stress texts: notices as OCR reads them from photos and scans, in tests/stress/cases.txt format.

Each case is one template's notice (values.draw_notice) written out in reading order the way
Tesseract returns it: a header style (how the label/value block was read), OCR confusions applied
to some occurrences of a value (damage), and layout flags (hyphenation, broken labels, stray marks,
a page break). The expected fields are the values drawn, so the text and its answer cannot drift.

Locations a damage can target: H (header block, headline and key lines), T (billing table),
S (payment stub), B (body: intro, actions, notes, letter paragraphs), 2 (page-2 header).
"""
import datetime
import re
import textwrap

from . import templates, values

STYLES = ("stacked", "inline", "merged", "mergedlabel", "split", "mergedright", "bodyfirst")
LOCATIONS = ("H", "T", "S", "B", "2")
FLAGS = ("hyph", "lbreak", "quotes", "noise", "nostub", "p2", "pages", "lbldmg", "rnm", "stubmerge", "bkr", "earlier",
         "oldstub", "paytbl")
# Flags: hyph (words hyphenated at line ends), lbreak (labels broken over two lines), quotes (typographic
# apostrophes), noise (stray OCR marks), nostub (the stub not photographed), p2 / pages (the page-2 header,
# / after a page break), lbldmg (header labels misread: Notlce, Tax yeer), rnm ("rn" read for "m"),
# stubmerge (remittance address and amount box read as one block), bkr (the bankruptcy paragraph between
# the total's label and its amount), earlier (earlier notices and their pay-by dates), oldstub (a page-2
# contact stub repeating an older notice date), paytbl (payments with M/D/YY dates).
LINE_WIDTH = 78  # characters per OCR line of a full-width paragraph (10 pt text on a letter page)

MONTH_TYPOS = {"January": "Januarv", "February": "Februarv", "March": "Marcb", "April": "Aprll", "May": "Mav",
               "June": "Jnne", "July": "Ju1y", "August": "Augusl", "September": "Septernber",
               "October": "Octobcr", "November": "Novernber", "December": "Deccmber"}
DATE = re.compile(r"(January|February|March|April|May|June|July|August|September|October|November|December) "
                  r"(\d{1,2}), (\d{4})")


def _digits(old, new):
    return lambda s: s.replace(old, new)


def _date_transform(fmt):
    def apply(s):
        match = DATE.search(s)
        if not match:
            return s
        day = datetime.date(int(match.group(3)), values.MONTHS.index(match.group(1)) + 1, int(match.group(2)))
        return s.replace(match.group(0), fmt(day))
    return apply


# name -> (fields it applies to, function on the printed value)
TRANSFORMS = {
    "o0": (("amount", "notice_date", "response_date", "tax_year", "code"), _digits("0", "O")),
    "l1": (("amount", "notice_date", "response_date", "tax_year", "code"), _digits("1", "l")),
    "I1": (("amount", "tax_year", "code"), _digits("1", "I")),
    "S5": (("amount", "notice_date", "code"), _digits("5", "S")),
    "B8": (("amount",), _digits("8", "B")),
    "Z2": (("amount", "tax_year"), _digits("2", "Z")),
    "G6": (("amount",), _digits("6", "G")),
    "dS": (("amount",), lambda s: s.replace("$", "S", 1)),
    "d0": (("amount",), lambda s: s.replace("$", "", 1)),
    "dsp": (("amount",), lambda s: s.replace("$", "$ ", 1)),
    "swap": (("amount",), lambda s: s.replace(",", "#").replace(".", ",").replace("#", ".")),
    "csp": (("amount",), lambda s: s.replace(",", ", ", 1)),
    "gsp": (("amount",), lambda s: s.replace(",", " ")),
    "dcomma": (("amount",), lambda s: re.sub(r"\.(\d\d)$", r",\1", s)),
    "cents": (("amount",), lambda s: re.sub(r"\.(\d\d)$", r". \1", s)),
    "mtypo": (("notice_date", "response_date"), lambda s: DATE.sub(lambda m: MONTH_TYPOS[m.group(1)] + m.group(0)[len(m.group(1)):], s)),
    "abbr": (("notice_date", "response_date"), lambda s: DATE.sub(lambda m: m.group(1)[:3] + "." + m.group(0)[len(m.group(1)):] if len(m.group(1)) > 4 else m.group(0), s)),
    "num": (("notice_date", "response_date"), _date_transform(lambda d: d.strftime("%m/%d/%Y"))),
    "short": (("notice_date", "response_date"), _date_transform(lambda d: "{}/{}/{:02d}".format(d.month, d.day, d.year % 100))),
    "nocomma": (("notice_date", "response_date"), lambda s: s.replace(",", "", 1)),
    "dot": (("notice_date", "response_date"), lambda s: s.replace(",", ".", 1)),
    "fuse": (("notice_date", "response_date"), lambda s: s.replace(", ", ",", 1)),
    "cpsp": (("code",), lambda s: re.sub(r"^(CP|LT)", r"\1 ", s)),
    "brk": (("notice_date", "response_date"), lambda s: s.replace(", ", ",\n", 1)),
    "mshort": (("notice_date", "response_date"), lambda s: re.sub(r"^(May|June|July)", lambda m: {"May": "Mav", "June": "Jnne", "July": "Ju1y"}[m.group(1)], s)),
    "sept": (("notice_date", "response_date"), lambda s: s.replace("September", "Sept.", 1)),
}
FIELD_KEYS = {"amount": ("amount",), "notice_date": ("notice_date",), "response_date": ("response_date",),
              "tax_year": ("tax_year",), "code": ("code",)}


def draw_case(rng, index):
    """A header style, a few damages (transform, field, locations) and flags. Case 0 is clean."""
    if index == 0:
        return "stacked", [], []
    style = rng.choice(STYLES)
    damages = []
    for _ in range(rng.choice([0, 1, 1, 2, 2, 3])):
        name = rng.choice(sorted(TRANSFORMS))
        field = rng.choice(TRANSFORMS[name][0])
        where = sorted(rng.sample(LOCATIONS, rng.randint(1, 3)))
        damages.append((name, field, where))
    flags = sorted(rng.sample(FLAGS, rng.choice([0, 1, 1, 2, 3])))
    return style, damages, flags


def _damaged_values(notice, damages, location):
    out = dict(notice)
    for name, field, where in damages:
        if location not in where:
            continue
        for key in FIELD_KEYS[field]:
            if out.get(key):
                out[key] = TRANSFORMS[name][1](out[key])
    return out


def _pairs(pairs, style):
    """Label/value pairs as OCR reads a header block in this style."""
    if style in ("stacked", "mergedlabel", "bodyfirst"):
        return [line for label, value in pairs for line in (label, value) if line]
    if style == "split":
        return [label for label, _ in pairs] + [value for _, value in pairs if value]
    return [(label + " " + value).strip() for label, value in pairs]


def _merge(left, right):
    """Two columns read as one block: line i of each joined by a space."""
    count = max(len(left), len(right))
    left, right = left + [""] * (count - len(left)), right + [""] * (count - len(right))
    return [(a + " " + b).strip() for a, b in zip(left, right)]


def _header(doc, style):
    pairs = doc["header"]
    if doc["layout"] == "letter":  # "Date: March 4, 2024": the label keeps its colon when split
        pairs = [(l.split(": ", 1)[0] + ":", l.split(": ", 1)[1]) if ": " in l else (l, "") for l in doc["letter_header"]]
    if style == "merged":
        return _merge(doc["sender"], _pairs(pairs, "inline"))
    if style == "mergedlabel":
        return _merge(doc["sender"], _pairs(pairs, "stacked"))
    if style == "mergedright":
        return _merge(_pairs(pairs, "inline"), doc["sender"])
    if doc["layout"] == "letter" and style in ("inline",):
        return doc["sender"] + list(doc["letter_header"])
    return doc["sender"] + _pairs(pairs, style)


def _wrap(text):
    return textwrap.wrap(text, LINE_WIDTH, break_on_hyphens=False) or [""]


def _items(items):
    lines = []
    for item in items:
        if item.startswith("#"):
            lines.append(item[1:])
        elif item.startswith("row:"):
            lines.append(" ".join(item[4:].split("|", 1)))
        else:
            lines += _wrap(item)
    return lines


def _body(doc, style):
    lines = []
    if doc["layout"] == "letter":
        lines += doc["titles"]
        lines += [l for key in doc["keys"] for l in _wrap(key)]
        for paragraph in doc["paragraphs_before"]:
            lines += _wrap(paragraph)
        if doc["letter_table"]:
            lines.append(" ".join(doc["letter_table"]["columns"]))
            lines += [" ".join(row) for row in doc["letter_table"]["rows"]]
        for paragraph in doc["paragraphs_after"] + doc["signature"]:
            lines += _wrap(paragraph)
        lines.append(doc["footer"])
        return lines
    for paragraph in doc["intro"]:
        lines += _wrap(paragraph)
    return lines


BANKRUPTCY = ["If you are a debtor in a bankruptcy case, this notice is for your",
              "information only and is not an attempt to collect taxes that were",
              "due before you filed your petition."]


def _table(doc, style, flags):
    if not doc["rows"]:
        return []
    lines = [doc["table_title"]]
    for label, amount, is_total in doc["rows"]:
        if is_total and "bkr" in flags:
            lines += [label] + BANKRUPTCY + [amount]
        else:
            lines += [label, amount] if style in ("stacked", "mergedlabel", "split") else [label + " " + amount]
    return lines


def _stub(doc, style, flags):
    stub = doc["stub"]
    if stub["kind"] == "none":
        return []
    lines = ["Continued on back..."] + doc["address"]
    stub_style = "inline" if style in ("inline", "merged", "mergedright") else "stacked"
    if stub["kind"] == "waiver":
        return lines + [stub["label"]] + [a + " " + b for a, b in stub["pairs"]] + _items(stub["text"])
    lines += _pairs(doc["stub_header"], stub_style)
    lines += _items(["• " + t if not t.startswith("[") else t for t in stub["text"]])
    remit = ["INTERNAL REVENUE SERVICE", doc["remit"]]
    if stub["kind"] != "pay":
        lines += remit + [stub["label"]]
    elif "stubmerge" in flags:  # the remittance address (left) and the amount box (right) as one block
        lines += _merge(remit, _wrap(stub["label"])) + [stub["amount"], "Amount you are paying $"]
    else:
        lines += remit + _wrap(stub["label"]) + [stub["amount"], "Amount you are paying $"]
    return lines + ["0000000000 00 0000 00 0 000000 000 00000000000"]


def _page_two(doc, style, flags):
    if "p2" not in flags and "pages" not in flags:
        return []
    lines = ["--- page"] if "pages" in flags else []
    return lines + _pairs(doc["stub_header"] + [("Page 2 of " + doc["pages"], "")], style if style != "bodyfirst" else "stacked")


def _distractors(notice, flags):
    """Distractor blocks in the body: earlier notices and their dates, a payments table."""
    lines = []
    if "earlier" in flags:
        lines += ["We sent you a notice about this balance on {} and".format(notice["earlier_notice_date"]),
                  "a reminder on {}. Our notice dated {}".format(notice["prior_notice_date"], notice["prior_notice_date"]),
                  "asked you to pay by {}.".format(notice["payment_date"])]
    if "paytbl" in flags:
        year = int(notice["tax_year"]) % 100
        lines += ["Payments we received for the tax period", "Date received Amount",
                  "4/15/{:02d} $1,200.00".format(year), "6/17/{:02d} 600.00".format(year),
                  "9/16/{:02d} 300.00".format(year), "Total payments $2,100.00"]
    return lines


def _old_contact_stub(notice, flags):
    """A page-2 contact stub that repeats an older notice date (as on the IRS's CP161 sample)."""
    if "oldstub" not in flags:
        return []
    return ["Contact information", "If your address has changed, please call or visit www.irs.gov.",
            "Notice", notice["code"], "Notice date", notice["earlier_notice_date"]]


def _apply_flags(lines, flags, rng):
    out, rnm_done = [], False
    for line in lines:
        if "rnm" in flags and not rnm_done and "Amount due" in line:
            line, rnm_done = line.replace("Amount due", "Arnount due", 1), True
        if "lbldmg" in flags:
            line = re.sub(r"^Notice( |$)", r"Notlce\1", line).replace("Notice date", "Notlce date").replace("Tax year", "Tax yeer")
        if "lbreak" in flags and re.match(r"^(Notice date|Tax year|Amount due by|Respond by)", line):
            first, rest = line.split(" ", 1)
            out += [first, rest]
            continue
        if "hyph" in flags and len(line) > 50 and rng.random() < 0.3:
            words = line.split(" ")
            last = words[-1]
            if len(last) > 7 and last.isalpha():
                cut = len(last) // 2
                out += [" ".join(words[:-1] + [last[:cut] + "-"]), last[cut:]]
                continue
        out.append(line)
    if "noise" in flags:
        for position, mark in ((2, "| —"), (9, "ee ."), (17, "= :"), (30, "‘ |")):
            if position < len(out):
                out.insert(position, mark)
    if "quotes" in flags:
        out = [l.replace("'", "’") for l in out]
    return out


def case_text(template, notice, style, damages, flags, rng):
    docs = {where: templates.prepare(template, _damaged_values(notice, damages, where)) for where in LOCATIONS}
    header = _header(docs["H"], style) + docs["H"]["address"]
    body = _body(docs["B"], style)
    if docs["H"]["layout"] == "cp":
        body = _wrap(docs["H"]["headline"]) + [l for key in docs["H"]["keys"] for l in _wrap(key)] + body
        body += _table(docs["T"], style, flags)
        if docs["B"]["actions"]:
            body += [docs["B"]["actions_title"]] + _items(docs["B"]["actions"])
        body += _items(docs["B"]["notes"])
        body.append(docs["B"]["footer"])
    body += _distractors(notice, flags)
    lines = body + header if style == "bodyfirst" else header + body
    if "nostub" not in flags:
        lines += _stub(docs["S"], style, flags)
    lines += _page_two(docs["2"], style, flags) + _old_contact_stub(notice, flags)
    return [l for line in _apply_flags(lines, flags, rng) for l in line.split("\n")]


def write_cases(path, seed, per_type):
    all_templates = templates.load_templates()
    count = 0
    with open(path, "w", encoding="utf-8") as out:
        out.write("# Stress cases written by tools/notice-gen/notice-gen stress --seed {} --per-type {}\n"
                  "# Every notice here is fictional. Format: tests/test_stress.c.\n".format(seed, per_type))
        for code, template in sorted(all_templates.items()):
            for index in range(per_type):
                rng = values.rng_for(seed, code, index, "stress")
                notice = values.draw_notice(template, rng)
                style, damages, flags = draw_case(rng, index)
                about = [style] + ["{}:{}@{}".format(n, f, "".join(w)) for n, f, w in damages] + flags
                out.write("=== case {}-{:02d}-{}\n".format(code.lower(), index, "-".join(about).replace(":", "_").replace("@", "_")))
                out.write("# {}: {}\n".format(code, " ".join(about)))
                for field, value in notice["expected"].items():
                    out.write("expect {} {}\n".format(field, "null" if value is None else value))
                out.write("--- text\n")
                out.write("\n".join(case_text(template, notice, style, damages, flags, rng)) + "\n")
                count += 1
    return count, len(all_templates)


def command(args):
    count, types = write_cases(args.out, args.seed, args.per_type)
    print("notice-gen: {} stress cases of {} notice types in {}".format(count, types, args.out))
