"""hooks/assets.py: one stylesheet of ours per page, and the widgets' data as scripts loaded on demand."""

from __future__ import annotations

import json
import re

import pytest
import tinycss2
from mkdocs.exceptions import PluginError

from hooks import assets
from tests.support.site import ROOT

STYLESHEETS = ROOT / "docs" / "assets" / "stylesheets"


@pytest.mark.parametrize("bundle_path", sorted(assets.BUNDLES))
def test_every_stylesheet_is_bundled_in_the_fixed_order(bundle_path):
    names = assets.BUNDLES[bundle_path]
    bundle = assets.bundle_stylesheets(STYLESHEETS, names)
    # Each file whole, in order: the cascade depends on it.
    starts = []
    for name in names:
        compacted = assets.compact((STYLESHEETS / name).read_text(encoding="utf-8"))
        assert compacted in bundle, name
        starts.append(bundle.index(compacted))
    assert starts == sorted(starts)


def test_screen_styles_hold_no_print_rules_and_print_styles_only_print_rules():
    screen = assets.bundle_stylesheets(STYLESHEETS, assets.BUNDLES["assets/stylesheets/site.css"])
    assert "@media print" not in screen, "paper rules belong in the print sheets, which screens do not wait for"
    for name in assets.BUNDLES["assets/stylesheets/print.css"]:
        rules = tinycss2.parse_stylesheet((STYLESHEETS / name).read_text(encoding="utf-8"), True, True)
        outside = [
            tinycss2.serialize(rule.prelude).strip()
            for rule in rules
            if not (
                rule.type == "at-rule"
                and (rule.lower_at_keyword, tinycss2.serialize(rule.prelude).strip())
                in {("media", "print"), ("page", "wide")}
            )
        ]
        assert not outside, f"{name}: rules outside @media print: {outside}"


def test_compact_drops_comments_and_indentation_only():
    css = "/* a note\n   over lines */\n.a {\n  color: red; /* why */\n}\n\n@media print {\n  .b { margin: 0 }\n}\n"
    assert assets.compact(css) == ".a {\ncolor: red;\n}\n@media print {\n.b { margin: 0 }\n}\n"


def test_a_stylesheet_missing_from_the_list_stops_the_build(tmp_path):
    names = [name for sources in assets.BUNDLES.values() for name in sources]
    for name in names:
        (tmp_path / name).write_text(".x{}", encoding="utf-8")
    (tmp_path / "forgotten.css").write_text(".y{}", encoding="utf-8")
    with pytest.raises(PluginError, match="forgotten.css"):
        assets.bundle_stylesheets(tmp_path, names[:1])
    (tmp_path / "forgotten.css").unlink()
    (tmp_path / names[-1]).unlink()
    with pytest.raises(PluginError, match=names[-1]):
        assets.bundle_stylesheets(tmp_path, names)


def test_data_scripts_define_a_global_and_refuse_bad_json():
    script = assets.data_script("pathsPayload", {"text": "</script> & more"})
    assert script.startswith("window.MRP = window.MRP || {}\nMRP.pathsPayload = ")
    assert json.loads(script.split(" = ", 2)[2]) == {"text": "</script> & more"}
    with pytest.raises(ValueError):
        assets.data_script("assessmentModel", "{not json")


def test_pages_load_one_screen_stylesheet_and_one_script_of_ours(built_site):
    for page in ("index.html", "why-mlops/index.html", "assess/report/index.html"):
        html = (built_site / page).read_text(encoding="utf-8")
        ours_css = re.findall(r'<link [^>]*href="[^"]*assets/stylesheets/(?!main\.|palette\.)([^"]+)"[^>]*>', html)
        ours_js = re.findall(r'src="[^"]*assets/javascripts/(?!bundle\.)([^"]+)"', html)
        assert ours_css == ["site.css", "print.css"], page
        assert re.search(r'<link rel="stylesheet" href="[^"]*print\.css" media="print">', html), page
        assert ours_js == ["playbook.js"], page
        assert "data-mrp-model=" not in html and "data-mrp-paths=" not in html, page
    for generated in (
        "assets/stylesheets/site.css",
        "assets/stylesheets/print.css",
        assets.PATHS_DATA,
        assets.MODEL_DATA,
    ):
        assert (built_site / generated).is_file(), generated
    for bundle, names in assets.BUNDLES.items():
        assert (built_site / bundle).read_text(encoding="utf-8") == assets.bundle_stylesheets(STYLESHEETS, names)
    published = sorted(path.name for path in (built_site / "assets/stylesheets").glob("*.css"))
    ours = [name for name in published if not name.startswith(("main.", "palette."))]
    assert ours == ["print.css", "site.css"], "source stylesheets are published beside the bundles"
