#!/usr/bin/python3
"""Checks of notice-gen that could fail: values agree with each other, every template renders,
the same seed gives the same bytes, damage steps keep their promises, stress cases carry their
answers. Run: /usr/bin/python3 tools/notice-gen/test_notice_gen.py (make check runs it)."""
import datetime
import io
import json
import os
import random
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import numpy as np  # noqa: E402
from PIL import Image  # noqa: E402

from noticegen import damage, evalset, render, stress, templates, values  # noqa: E402

TEMPLATES = templates.load_templates()


def cents(money):
    return int(money.replace("$", "").replace(",", "").replace(".", ""))


class Values(unittest.TestCase):
    def test_billing_rows_add_up_to_the_total(self):
        for code, template in TEMPLATES.items():
            rows = template.get("table", {}).get("rows", [])
            for seed in range(15):
                notice = values.draw_notice(template, values.rng_for("rows", code, seed))
                parts = [cents(notice[row["key"]]) for row in rows if not row.get("total")]
                if parts:
                    self.assertEqual(sum(parts), cents(notice["amount"]), code)

    def test_response_date_is_the_notice_date_plus_the_window(self):
        for code, template in TEMPLATES.items():
            window = template["values"].get("response_days")
            for seed in range(10):
                expected = values.draw_notice(template, values.rng_for("dates", code, seed))["expected"]
                notice = datetime.date.fromisoformat(expected["notice_date"])
                self.assertLess(notice.weekday(), 5, code)  # notices are dated on working days
                if window:
                    self.assertEqual(expected["response_date"], (notice + datetime.timedelta(window)).isoformat(), code)
                else:
                    self.assertIsNone(expected["response_date"], code)

    def test_amount_due_is_null_when_the_notice_asks_for_no_payment(self):
        for code in ("CP12", "CP3219A", "CP59", "LTR5071C"):
            expected = values.draw_notice(TEMPLATES[code], random.Random(1))["expected"]
            self.assertIsNone(expected["amount_due"], code)
        self.assertEqual(values.draw_notice(TEMPLATES["CP14"], random.Random(1), {"total": 241786})["expected"]["amount_due"],
                         "2417.86")


class Rendering(unittest.TestCase):
    def test_every_template_renders_its_fields_on_the_page(self):
        for code, template in TEMPLATES.items():
            notice = values.draw_notice(template, values.rng_for("render", code))
            doc = templates.prepare(template, notice)
            text = " ".join([doc["headline"]] + doc["keys"] + doc["letter_header"] + [v for _, v in doc["header"]])
            self.assertIn(notice["notice_date"], text, code)
            pages = render.render_document(doc, render.SANS_FAMILIES[0], 1.0)
            ink = np.asarray(pages[0]) < 128
            self.assertGreater(ink.mean(), 0.01, code)  # something was drawn
            self.assertFalse(ink[:, :60].any(), code)  # and nothing runs off the left margin

    def test_a_template_error_names_the_file(self):
        with tempfile.TemporaryDirectory() as folder:
            with open(os.path.join(folder, "_common.json"), "w") as handle:
                handle.write("{}")
            with open(os.path.join(folder, "bad.json"), "w") as handle:
                json.dump({"code": "X1", "layout": "poster", "values": {}}, handle)
            with self.assertRaisesRegex(templates.TemplateError, "bad.json: layout"):
                templates.load_templates(folder)


class Determinism(unittest.TestCase):
    def test_the_same_seed_gives_the_same_photo_bytes(self):
        doc = {"index": 3, "tier": "combined", "damage": ["blur/motion", "warp/fold", "lighting/shadow"],
               "code": "CP504", "real": None, "rendering": 0, "seed": 11}
        made = []
        for _ in range(2):
            with tempfile.TemporaryDirectory() as folder:
                line = evalset.make_document(doc, folder)
                with open(os.path.join(folder, line.split("\t")[0]), "rb") as handle:
                    made.append(handle.read())
        self.assertEqual(made[0], made[1])

    def test_plans_differ_between_seeds_and_cover_every_kind(self):
        counts = {"scan": 1, "office-scan": 1, "phone": 1, "hard": 2, "combined": 2, "real-photo": 0, "real-scan": 0}
        first, second = evalset.plan(1, counts, None), evalset.plan(2, counts, None)
        self.assertNotEqual([d["code"] for d in first], [d["code"] for d in second])
        kinds = {entry.split("/")[0] for d in first if d["tier"] == "hard" for entry in d["damage"]}
        self.assertEqual(kinds, set(evalset.HARD_KINDS))


class Damage(unittest.TestCase):
    page = Image.new("L", (400, 520), 255)

    def test_exif_orientation_is_written_only_when_asked(self):
        frame = Image.new("RGB", (40, 30), "white")
        turned, orientation = damage.rotate_storage(frame, None, 90, True)
        self.assertEqual(turned.size, (30, 40))
        tagged = Image.open(io.BytesIO(damage.jpeg_bytes(turned, 80, orientation)))
        self.assertEqual(tagged.getexif().get(0x0112), 6)
        _, none = damage.rotate_storage(frame, None, 180, False)
        self.assertIsNone(none)

    def test_fax_is_bilevel_at_fax_resolution(self):
        faxed = damage.fax(self.page, np.random.default_rng(1), 0.6, False, 0.0, 0.0)
        self.assertEqual(faxed.mode, "1")
        self.assertEqual(faxed.size, (400 * 204 // 300, (520 * 98 // 300) * 2))

    def test_dim_lighting_darkens_the_frame(self):
        frame = Image.new("RGB", (200, 260), (240, 240, 240))
        params = damage.draw_lighting(random.Random(4), True, "dim")
        dim = np.asarray(damage.lighting(frame, np.random.default_rng(4), **params)).mean()
        self.assertLess(dim, 240 * 0.5)


class Stress(unittest.TestCase):
    def test_a_clean_case_prints_every_expected_value(self):
        template = TEMPLATES["CP14"]
        notice = values.draw_notice(template, random.Random(5))
        text = "\n".join(stress.case_text(template, notice, "stacked", [], [], random.Random(5)))
        for value in (notice["amount"], notice["notice_date"], notice["response_date"], "CP14"):
            self.assertIn(value, text)

    def test_damage_changes_only_the_targeted_place(self):
        template = TEMPLATES["CP14"]
        notice = values.draw_notice(template, random.Random(6), {"total": 100500})
        lines = stress.case_text(template, notice, "stacked", [("o0", "amount", ["H"])], [], random.Random(6))
        self.assertIn("Amount due: $1,OO5.OO", lines)
        self.assertIn("$1,005.00", lines)  # the table and the stub keep the true amount


if __name__ == "__main__":
    unittest.main(verbosity=1)
