"""mkdocs-macros entry point: registers thin wrappers; the logic lives in the sibling modules."""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from . import checklists, facts, glossary, paths, topology
from .data import DataError
from .html import relative_source_path
from .pages import page_title
from .project import ProjectMetadataError, read_project
from .reading_time import reading_minutes
from .registry import load_registry

SOURCES_PAGE = "reference/sources.md"


def define_env(env) -> None:
    root = Path(env.conf["config_file_path"]).parent
    docs_dir = Path(env.conf["docs_dir"])
    try:
        project = read_project(root)
        registry = load_registry(root / "data", docs_dir)
    except (DataError, ProjectMetadataError) as error:
        raise PluginError(f"{error}\nThe build stops here: fix the data above and build again.") from error
    env.registry = registry
    playbook = {
        "name": env.conf["site_name"],
        "version": project.version,
        "build_date": project.build_date.isoformat(),
    }
    env.variables["playbook"] = playbook
    # Theme templates (footer, PDF cover) read the same values through config.extra.
    env.conf["extra"]["playbook"] = playbook

    @env.macro
    def fact(fact_id: str) -> str:
        """A figure from data/facts.yml with a footnote citing its source."""
        item = facts.lookup(registry.facts, fact_id)
        env.cited_facts[item.id] = item
        return facts.render_fact(item)

    @env.macro
    def cite(fact_id: str) -> str:
        """Only the footnote marker, for a fact stated in the sentence itself."""
        item = facts.lookup(registry.facts, fact_id)
        env.cited_facts[item.id] = item
        return facts.footnote_marker(item)

    @env.macro
    def sources() -> str:
        """Every fact in the registry, grouped by source (the sources page)."""
        return facts.render_sources(list(registry.facts.values()))

    @env.macro
    def glossary_list() -> str:
        """Every glossary term with its definition (the glossary page)."""
        return glossary.render_glossary(registry.terms)

    assessment = registry.assessment
    model_element = checklists.render_model(assessment, project.version)

    @env.macro
    def checklist(checklist_id: str) -> str:
        """An interactive readiness checklist from data/checklists/<id>.yml."""
        src = env.page.file.src_path
        titles = {item.learn_more: page_title(docs_dir, item.learn_more) for item in assessment.all_items().values()}
        return checklists.render_checklist(assessment, checklist_id, src, titles) + assessment_model()

    @env.macro
    def verdict_rules() -> str:
        """The verdict levels and what reaches each one, from data/assessment.yml."""
        pages = {name: f"assess/{name}.md" for name in assessment.rules.checklists}
        return checklists.render_verdict_rules(assessment, env.page.file.src_path, pages)

    @env.macro
    def readiness_report() -> str:
        """The readiness report: verdict, scores, next actions, export, import, share and milestones."""
        return checklists.render_report(env.page.file.src_path) + model_element

    @env.macro
    def team_view() -> str:
        """The team view: compares several exported answer files in the browser."""
        return checklists.render_team_view(env.page.file.src_path) + model_element

    @env.macro
    def assessment_model() -> str:
        """The scoring rules as JSON for the browser; the same data the Python scoring uses."""
        return model_element

    _define_topology_macros(env, registry.topology)
    _define_path_macros(env, registry.paths, docs_dir)
    env.sources_url_from = lambda src_path: relative_source_path(src_path, SOURCES_PAGE)


def _define_topology_macros(env, teams: topology.Topology) -> None:
    """The team topology pages (data/teams/): cards, the responsibility matrix and diagrams."""

    def here() -> str:
        return env.page.file.src_path

    @env.macro
    def role_card(role_id: str) -> str:
        """One role: focus, what it brings, what it needs, where it is accountable."""
        return topology.render_role_card(teams, role_id, here())

    @env.macro
    def role_cards() -> str:
        """A card for every role, in data order."""
        return topology.render_role_cards(teams, here())

    @env.macro
    def responsibility_matrix() -> str:
        """Roles by lifecycle stages, one RACI letter per cell, with its key."""
        return topology.render_matrix(teams, here())

    @env.macro
    def team_type_card(type_id: str) -> str:
        """A team type for ML with what it owns, offers, its roles and its diagram."""
        return topology.render_team_type_card(teams, type_id, here())

    @env.macro
    def team_diagram(type_id: str) -> str:
        """The diagram of one team type alone."""
        return topology.render_team_diagram(teams, type_id)

    @env.macro
    def before_after_diagrams() -> str:
        """The handover organisation beside the ML product team enabled by a platform."""
        return topology.render_before_after(teams)

    @env.macro
    def role_changes() -> str:
        """What changes for each role between the two organisations, as a table."""
        return topology.render_role_changes(teams)

    @env.macro
    def interaction_modes() -> str:
        """The interaction modes: how diagrams draw them, and a table of when to use each."""
        return topology.render_modes(teams)

    @env.macro
    def topology_evolution() -> str:
        """How interactions change from one ML product to many, one diagram per phase."""
        return topology.render_evolution(teams)

    @env.macro
    def team_api_template() -> str:
        """A printable Team API form."""
        return topology.render_team_api(teams)

    @env.macro
    def composition_check() -> str:
        """Tick the roles in your team; see uncovered stages and the team type it resembles."""
        return topology.render_composition_check(teams)


def _define_path_macros(env, reading_paths: paths.PathsFile, docs_dir: Path) -> None:
    """Role-based reading paths (data/paths.yml): the paths page, each path page, and the browser's copy."""
    minutes_cache: dict[str, int] = {}

    def render_elsewhere(markdown: str) -> str:
        # Expand another page's macros as its own build does, without leaving its citations on this page.
        cited = dict(env.cited_facts)
        try:
            return env.env.from_string(markdown).render(**env.variables)
        finally:
            env.cited_facts.clear()
            env.cited_facts.update(cited)

    def minutes(page: str) -> int:
        if page not in minutes_cache:
            minutes_cache[page] = paths.minutes_of(docs_dir, page, render_elsewhere)
        return minutes_cache[page]

    def titles(page: str) -> str:
        return page_title(docs_dir, page)

    # overrides/main.html embeds this in every page for the "next in your path" link.
    env.conf["extra"]["reading_paths"] = reading_paths.to_payload(titles)

    @env.macro
    def reading_path(path_id: str) -> str:
        """One path's reading plan: steps with reading times, why they matter, questions, total, go deeper."""
        return paths.render_path(reading_paths, path_id, env.page.file.src_path, minutes, titles)

    @env.macro
    def reading_paths_overview() -> str:
        """Every path with its audience, number of steps and total reading time (the paths page)."""
        return paths.render_overview(reading_paths, env.page.file.src_path, minutes)


def on_pre_page_macros(env) -> None:
    env.cited_facts = {}


def on_post_page_macros(env) -> None:
    # env.page is a shallow copy of the page, so its meta is the real page's dict and
    # overrides/main.html can show the value.
    env.page.meta["reading_minutes"] = reading_minutes(env.markdown)
    appendix = []
    sources_url = env.sources_url_from(env.page.file.src_path)
    appendix += [facts.footnote_definition(item, sources_url) for item in env.cited_facts.values()]
    appendix.append(glossary.abbreviations(env.registry.terms))
    env.markdown = env.markdown.rstrip("\n") + "\n\n" + "\n\n".join(part for part in appendix if part) + "\n"
