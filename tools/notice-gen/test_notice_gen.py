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

    def test_glare_whitens_a_patch_but_leaves_its_text_readable(self):
        stripes = np.zeros((260, 200, 3), np.uint8)
        stripes[:, ::4] = 240  # ink and paper side by side everywhere
        params = damage.draw_lighting(random.Random(7), True, "glare")
        params.update(gradient=0.0, shadow_darkness=0.0, brightness=1.0, sensor_noise=0.0, warmth=0.0,
                      glare=0.7, glare_x=0.5, glare_y=0.5, glare_radius=0.15)
        lit = np.asarray(damage.lighting(Image.fromarray(stripes), np.random.default_rng(7), **params), np.float32)
        centre, corner = lit[120:140, 90:110, 0], lit[:20, :20, 0]
        contrast = lambda patch: patch.max() - patch.min()  # noqa: E731
        self.assertLess(contrast(centre), contrast(corner) * 0.5)
        self.assertGreater(contrast(centre), contrast(corner) * 0.2)
        self.assertGreater(centre.min(), corner.min() + 100)

    def test_a_cropped_sheet_loses_its_edges_not_its_print(self):
        geometry = damage.draw_perspective(random.Random(3), True, "cropped")
        ink = (0.06, 0.05, 0.94, 0.95)
        corners = damage._page_corners(1500, 2000, 2550, 3300, gen=np.random.default_rng(3), ink_box=ink, **geometry)
        outside = [(x, y) for x, y in corners if not (0 <= x <= 1500 and 0 <= y <= 2000)]
        self.assertTrue(outside)
        for u, v in ((ink[0], ink[1]), (ink[2], ink[1]), (ink[2], ink[3]), (ink[0], ink[3])):
            x, y = damage._bilinear(corners, u, v)
            self.assertTrue(0 <= x <= 1500 and 0 <= y <= 2000, (u, v, x, y))


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
