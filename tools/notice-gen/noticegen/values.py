"""Fictional values for one notice: people, places, amounts and dates that agree with each other.

Everything here is made up. A template (templates/*.json) says which values its notice prints and
how they relate (the response window, the billing rows that add up to the total); this module draws
them from one random.Random, so the same seed gives the same notice.
"""
import datetime
import hashlib
import random

FIRST = ["DANA", "LEE", "JORDAN", "MORGAN", "CASEY", "RILEY", "AVERY", "QUINN", "TAYLOR", "JAMIE",
         "ROBIN", "PAT", "SAM", "ALEX", "CAMERON", "DREW", "ELLIS", "FRANCIS", "GALE", "HAYDEN",
         "KENDALL", "LOGAN", "MARLO", "NOEL", "PARKER", "REESE", "SHAWN", "TERRY", "VAL", "WREN"]
LAST = ["EXAMPLE", "SAMPLE", "PLACEHOLDER", "TESTWOOD", "FICTIVA", "NULLMAN", "DOEBERRY", "MOCKLEY",
        "SPECIMEN", "DEMOSTHENE", "PROTOTYPO", "FAUXBRIDGE", "MADEUP", "INVENTA", "PRETEND",
        "LOREMSON", "IPSUMBY", "DUMMOND", "STANDIN", "PROXIMO"]
STREET = ["MAPLE HOLLOW RD", "QUILL CREEK LN", "BIRCHWOOD AVE", "LANTERN WAY", "OLD MILL DR",
          "SPARROW CT", "CEDAR BLUFF RD", "HARBOR VIEW ST", "WILLOW BEND DR", "PINECONE PATH",
          "FOXGLOVE CIR", "COPPER KETTLE RD"]
TOWN = ["SPRINGFIELD, IL 62704", "RIVERTON, WY 82501", "FAIRVIEW, OR 97024", "CLINTON, IA 52732",
        "MADISON, WI 53703", "GREENVILLE, SC 29601", "FRANKLIN, TN 37064", "SALEM, MA 01970",
        "GEORGETOWN, TX 78626", "ASHLAND, KY 41101", "DOVER, DE 19901", "MILFORD, CT 06460"]
BUSINESS = ["MAPLE HOLLOW BAKERY LLC", "QUILLCREEK PRINTING CO", "BLUE HERON LANDSCAPING INC",
            "NORTHWIND BICYCLE REPAIR LLC", "LANTERN WAY DENTAL PC", "COPPER KETTLE CATERING LLC",
            "SPARROW COURT DAYCARE INC"]
# Campus and remittance cities follow the format of real notices so the pages look right.
CAMPUS = ["Kansas City, MO 64999-0010", "Austin, TX 73301-0023", "Ogden, UT 84201-0030",
          "Fresno, CA 93888-0025", "Philadelphia, PA 19255-0010", "Cincinnati, OH 45999-0030",
          "Memphis, TN 37501-0012"]
REMIT = ["CINCINNATI, OH 45999-0149", "KANSAS CITY, MO 64999-0149", "OGDEN, UT 84201-0039",
         "AUSTIN, TX 73301-0149", "CHARLOTTE, NC 28201-1214", "LOUISVILLE, KY 40293-1000"]
PAYERS = ["RIVERBEND STAFFING INC", "HILLTOP FREELANCE NETWORK", "ORCHARD LANE MEDIA LLC",
          "BRIGHTPATH DELIVERY CO", "KESTREL CONSULTING GROUP"]
BANKS = ["PRAIRIE SAVINGS BANK", "LAKESHORE CREDIT UNION", "SUMMIT BROKERAGE SVCS",
         "GREENLEAF MUTUAL FUND", "TIDEWATER COMMUNITY BANK"]
STAFF = ["Ms. R. Ortega", "Mr. K. Lindqvist", "Ms. A. Okafor", "Mr. T. Nakamura", "Ms. J. Whitcombe",
         "Mr. D. Castellano"]

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]


def rng_for(*parts):
    """A random.Random seeded from any parts (seed, index, purpose): stable across runs and machines."""
    digest = hashlib.sha256("/".join(str(p) for p in parts).encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


def money(cents, dollar=True):
    """2417.86 as '$2,417.86' (or '2,417.86'); negative as '-$500.00'."""
    sign = "-" if cents < 0 else ""
    whole, frac = divmod(abs(cents), 100)
    text = "{:,}.{:02d}".format(whole, frac)
    return sign + ("$" if dollar else "") + text


def plain_amount(cents):
    """The expected-file form: two decimals, no $ or commas."""
    return "{}.{:02d}".format(cents // 100, cents % 100)


def long_date(day):
    return "{} {}, {}".format(MONTHS[day.month - 1], day.day, day.year)


def weekday_on_or_before(day):
    """Notices are dated on working days: a Saturday or Sunday moves back to Friday."""
    return day - datetime.timedelta(days=max(0, day.weekday() - 4))


def skewed_cents(rng, low, high):
    """Smaller balances are more common: the lower of two uniform draws."""
    return min(rng.randint(low, high), rng.randint(low, high))


def draw_table(rng, total, rows):
    """Cents for each billing row so that the rows add up to the total.

    A row is {"key", "label", "share": [lo, hi]} (per mille of the total, negative for credits),
    {"key", "label", "rest": true} (what is left so the sum holds) or {"label", "total": true}.
    Returns {key: cents}.
    """
    cents = {}
    for row in rows:
        if "share" in row:
            low, high = row["share"]
            cents[row["key"]] = total * rng.randint(low, high) // 1000
    rest = [row for row in rows if row.get("rest")]
    if rest:
        cents[rest[0]["key"]] = total - sum(cents.values())
    return cents


def draw_people(rng, business):
    first, last = rng.choice(FIRST), rng.choice(LAST)
    middle = chr(ord("A") + rng.randrange(26))
    if business:
        name = rng.choice(BUSINESS)
    elif rng.random() < 0.2:
        name = "{} {}. & {} {}".format(first, middle, rng.choice(FIRST), last)
    else:
        name = "{} {}. {}".format(first, middle, last)
    street = "{} {}".format(rng.randint(12, 9899), rng.choice(STREET))
    if rng.random() < 0.2:
        street += " APT {}".format(rng.randint(1, 40))
    last4 = rng.randint(1000, 9999)
    if business:
        id_label, id_value, id_words = "Employer ID number", "nn-nnn{}".format(last4), "employer ID number"
    elif rng.random() < 0.25:
        id_label, id_value, id_words = "Taxpayer ID number", "nnn-nn-{}".format(last4), "taxpayer ID number"
    else:
        id_label, id_value, id_words = "Social security number", "nnn-nn-{}".format(last4), \
            "social security number"
    return {"name": name, "dear": name.split(" & ")[0], "address1": street, "address2": rng.choice(TOWN),
            "id_label": id_label, "id_value": id_value, "id_words": id_words,
            "caller_id": str(rng.randint(1000, 9999)), "campus": rng.choice(CAMPUS),
            "remit": rng.choice(REMIT), "staff": rng.choice(STAFF), "payer": rng.choice(PAYERS),
            "bank": rng.choice(BANKS)}


def draw_notice(template, rng, fixed=None):
    """All values of one notice of this template: a dict of printable strings, plus 'expected'.

    fixed may pin name/address/tax_year/notice_date/total (the README's reference CP14).
    """
    fixed = fixed or {}
    spec = template["values"]
    values = draw_people(rng, template.get("taxpayer") == "business")
    for key in ("name", "address1", "address2"):
        if key in fixed:
            values[key] = fixed[key]
    values["dear"] = values["name"].split(" & ")[0]
    tax_year = fixed.get("tax_year") or rng.randint(*spec.get("tax_year", [2016, 2025]))
    if "notice_date" in fixed:
        notice = datetime.date.fromisoformat(fixed["notice_date"])
    else:
        low, high = spec["notice_days_after_year_end"]
        notice = weekday_on_or_before(datetime.date(tax_year, 12, 31) + datetime.timedelta(rng.randint(low, high)))
    window = spec.get("response_days")
    response = notice + datetime.timedelta(window) if window else None
    prior1 = notice - datetime.timedelta(rng.randint(35, 64))
    prior2 = prior1 - datetime.timedelta(rng.randint(35, 59))
    values.update({
        "code": template.get("printed_code", template["code"]), "tax_year": str(tax_year),
        "next_year": str(tax_year + 1), "year_before": str(tax_year - 1), "two_years_before": str(tax_year - 2),
        "refund_deadline_year": str(tax_year + 4),
        "notice_date": long_date(notice), "response_date": long_date(response) if response else "",
        "prior_notice_date": long_date(prior1), "earlier_notice_date": long_date(prior2),
        "payment_date": long_date(notice - datetime.timedelta(rng.randint(8, 27))),
        "request_date": long_date(notice - datetime.timedelta(rng.randint(60, 119))),
        "return_due_date": long_date(datetime.date(tax_year + 1, 4, 15)),
        "period_end": "12/31/{}".format(tax_year),
        "revision": "{:02d}-{}".format(rng.randint(1, 12), notice.year - rng.randint(1, 2)),
        "pages": str(rng.randint(2, 6)), "employee_id": "1000{}{}".format(rng.randint(1000, 9999), rng.randint(10, 99)),
        "control_number": str(rng.randint(87000, 99999)), "phone": spec.get("phone", "800-829-1040"),
    })
    for key, (low, high) in spec.get("other_days_after_notice", {}).items():
        values[key] = long_date(notice + datetime.timedelta(rng.randint(low, high)))
    total = fixed.get("total")
    if total is None and "total_cents" in spec:
        total = skewed_cents(rng, *spec["total_cents"])
    if total is not None:
        values["amount"] = money(total)
        values["amount_plain"] = money(total, dollar=False)
        table = template.get("table")
        for key, cents in draw_table(rng, total, table["rows"] if table else []).items():
            values[key] = money(cents)
            values[key + "_positive"] = money(abs(cents))
    for key, (low, high) in spec.get("other_cents", {}).items():
        values[key] = money(rng.randint(low, high))
    amount_due = total if spec.get("amount_is_due", total is not None) else None
    values["expected"] = {
        "notice_code": template.get("expected_code", template["code"]),
        "tax_year": tax_year if spec.get("tax_year_printed", True) else None,
        "amount_due": plain_amount(amount_due) if amount_due is not None else None,
        "response_date": response.isoformat() if response and spec.get("response_printed", True) else None,
        "notice_date": notice.isoformat(),
    }
    return values
