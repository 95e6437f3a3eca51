"""Typed, frozen definitions of a scenario: what the author wrote, validated for shape.

These pydantic models are the single source of the scenario format: the loader
validates YAML data against them, `python -m game schema` exports their JSON
Schema, and the compiler turns them into numpy-ready structures. They hold no
game state. Cross-references (indicator names, event ids, roles) are checked by
`game.scenario.checks`, not here, so every problem can be reported at once.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    StrictBool,
    StrictFloat,
    StrictInt,
    StrictStr,
    ValidationInfo,
    field_validator,
)

FORMAT_VERSION = 1

ROLES: tuple[str, ...] = ("india", "us")
ROLE_NAMES = {"india": "India", "us": "United States"}
# names a persona may not take: the built-in bots (a persona may replace `balanced`)
RESERVED_PERSONAS = ("random", "expert", "master", "first", "last")

Ident = Annotated[
    StrictStr,
    Field(
        pattern=r"^[a-z][a-z0-9_]{0,47}$",
        description="An identifier: lower-case letters, digits and underscores, starting with a letter.",
    ),
]
Number = StrictInt | StrictFloat
Expr = Annotated[
    Number | StrictStr,
    Field(
        description="A number or an expression, e.g. `0.02 * trade_bn` or `uniform(2, 5)`.",
        examples=[5, "uniform(2, 5)", "-0.1 * lac_tension"],
    ),
]
Condition = Annotated[
    StrictBool | StrictStr,
    Field(
        description="A condition: `true`, `false` or an expression such as `turn >= 3 and trust < 40`.",
        examples=["turn >= 3 and us_tariff > 20"],
    ),
]
Text = Annotated[
    StrictStr | dict[Ident, StrictStr],
    Field(
        description=(
            "Player-facing text. May name indicators in braces, `{trade_bn}` or `{trade_bn:.0f}`. "
            "Either a string (English) or a mapping of language codes to strings with `en` required."
        ),
    ),
]
Direction = Literal["up", "down", "none"]


class Model(BaseModel):
    """Base of every definition: frozen, unknown keys rejected, no silent coercion."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, allow_inf_nan=False)


class Period(Model):
    """The calendar of the scenario: when it starts, how long a turn is, how many turns."""

    start: StrictStr = Field(
        pattern=r"^\d{4}-(0[1-9]|1[0-2])$",
        description="First month of the first turn, `YYYY-MM` (quote it).",
        examples=["2025-11"],
    )
    months_per_turn: Literal[1, 2, 3, 4, 6, 12] = Field(
        3, description="Length of a turn in months: 3 labels turns by quarter, 6 by half-year."
    )
    turns: StrictInt = Field(ge=1, le=60, description="Number of turns in the game.")


class Persona(Model):
    """A bot personality: how much it cares for each indicator."""

    label: StrictStr = Field(description="Name shown to players, e.g. `Hawk`.")
    description: StrictStr = Field("", description="One line on how this persona plays.")
    weights: dict[Ident, Number] = Field(
        default_factory=dict,
        description=(
            "Weight per indicator (by name). Positive values pull the indicator the way the role "
            "wants it (`good`), 0 ignores it. Indicators not named keep the default weight."
        ),
    )
    default_weight: Number = Field(0.0, description="Weight of indicators not named in `weights`.")


class Advisor(Model):
    """A member of the role's cabinet who recommends options, with a bias."""

    label: StrictStr = Field(description="Title shown to players, e.g. `Ministry of Commerce`.")
    bias: StrictStr = Field("", description="One line on what this advisor cares about.")
    weights: dict[Ident, Number] = Field(
        default_factory=dict,
        description=(
            "Weight per objective id of the role (or `shared`), or per indicator name: what "
            "this advisor's ministry or agency cares about (an indicator counts in the "
            "direction the role wants it, `good`)."
        ),
    )


class Role(Model):
    """A playable side: India or the United States."""

    name: StrictStr = Field(description="Display name, e.g. `India`.")
    briefing: Text = Field(description="What this side knows at the start (shown before turn 1).")
    personas: dict[Ident, Persona] = Field(
        default_factory=dict,
        description="Bot personalities for this role (`--policy NAME`). `balanced` always exists.",
    )
    advisors: dict[Ident, Advisor] = Field(
        default_factory=dict, description="Advisors of this role (3–4 recommended)."
    )


class Actor(Model):
    """A non-playable actor (China, Russia, Quad partners, domestic opinion, industry)."""

    name: StrictStr = Field(description="Display name, e.g. `China`.")
    description: Text = ""


class Indicator(Model):
    """A bounded number the game tracks, e.g. bilateral trade in $bn."""

    label: StrictStr = Field(description="Short name shown on the dashboard.")
    short: StrictStr = Field(
        "",
        max_length=24,
        description="A shorter name where space is tight (option effects, dashboard rows); "
        "the label then shows in tooltips. Empty: the label everywhere.",
    )
    description: Text = ""
    unit: StrictStr = Field("", description="Unit shown after the value, e.g. `$bn` or `%`.")
    min: Number = Field(0, description="Lowest possible value; changes are clamped to it.")
    max: Number = Field(100, description="Highest possible value; changes are clamped to it.")
    start: Expr = Field(description="Value at the start of the game (an expression may draw).")
    good: Direction | dict[Ident, Direction] = Field(
        "none",
        description="Which way is good: `up`/`down`/`none` for both roles, or per role: `{india: up, us: down}`.",
    )
    drift: Expr | None = Field(
        None,
        description="Change applied at the start of every turn after the first (an expression).",
        examples=["0.03 * trade_bn", "-2 if lac_tension > 50 else 0"],
    )
    hidden: StrictBool = Field(
        False, description="A flag or counter the player does not see on the dashboard."
    )
    decimals: StrictInt = Field(0, ge=0, le=3, description="Decimals shown on screen.")
    group: StrictStr = Field("", description="Dashboard group, e.g. `economy` or `security`.")


class Effect(Model):
    """A change to one indicator, or a scheduled event, caused by an option or an event."""

    target: Ident | None = Field(None, description="Indicator changed by `add` or `set`.")
    add: Expr | None = Field(None, description="Amount added (may draw: `uniform(2, 5)`).")
    set: Expr | None = Field(None, description="Value the indicator is set to.")
    trigger: Ident | None = Field(
        None, description="An event forced to fire `after` turns later (a delayed chain)."
    )
    after: StrictInt = Field(
        0, ge=0, le=40, description="Turns of delay before the change starts (0 = now)."
    )
    over: StrictInt = Field(
        1, ge=1, le=40, description="Spread the amount evenly over this many turns (inertia)."
    )
    when: Condition | None = Field(
        None, description="Apply only if this holds when the effect is caused."
    )
    note: StrictStr = Field("", description="Why this happens, shown in the ledger.")


class Option(Model):
    """One answer to a decision."""

    id: Ident
    label: Text = Field(description="Short label on the option button.")
    text: Text = Field("", description="A sentence or two on what this option means.")
    available: Condition = Field(True, description="The option can be chosen only when this holds.")
    cost: Number = Field(
        0,
        ge=0,
        description=(
            "What choosing it draws from the deciding role's resource (see `resources`, e.g. "
            "political capital); a role that cannot afford it cannot choose it."
        ),
    )
    effects: list[Effect] = Field(
        default_factory=list,
        max_length=16,
        description="What choosing it does; every option should move at least two indicators.",
    )


class Again(Model):
    """What an event says from its second appearance in a game on, instead of repeating."""

    title: Text = Field(
        "", description="The title from the second appearance on (empty: the first)."
    )
    text: Text = Field(
        "",
        description="The context from the second appearance on: what is new, what is at stake now.",
    )


class Event(Model):
    """Something that happens: news, an actor's move, or a decision for a role."""

    id: Ident
    title: Text
    text: Text = Field("", description="What happened; shown in the news and on the decision card.")
    role: Literal["india", "us", "none"] = Field(
        "none", description="Who decides; `none` makes it news with automatic effects."
    )
    actor: Ident | None = Field(
        None, description="Who acts: an actor id or a role. Shown as the source of the news."
    )
    when: Condition = Field(True, description="Fires only when this holds.")
    chance: Expr = Field(1, description="Probability of firing each turn the condition holds.")
    once: StrictBool = Field(False, description="Fires at most once per game.")
    cooldown: StrictInt = Field(0, ge=0, le=60, description="Turns before it can fire again.")
    priority: StrictInt = Field(
        0, description="Higher first; decides which decisions fill a role's slots in a turn."
    )
    first_turn: StrictInt = Field(1, ge=1, description="Earliest turn it can fire.")
    hotspots: list[Ident] = Field(
        default_factory=list,
        description="Places on the map lit when it fires (e.g. `lac_western`, `malacca`, `kuala_lumpur`).",
    )
    effects: list[Effect] = Field(
        default_factory=list, description="Applied as soon as the event fires."
    )
    options: list[Option] = Field(
        default_factory=list, description="2–4 choices when a role decides."
    )
    again: Again | None = Field(
        None,
        description=(
            "Title and text shown from the event's second appearance in a game on, so a "
            "recurring decision or news item reads as a new development. News without it is "
            "announced only the first time it happens."
        ),
    )
    real: Ident | None = Field(
        None,
        description=(
            "The id of the `timeline` entry this event retells; players see it marked real, "
            "with that entry's source. Without it the event is shown as hypothetical."
        ),
    )


class Rung(Model):
    """One step of an escalation ladder."""

    id: Ident
    label: StrictStr = Field(description="Name of the rung, e.g. `Standoff`.")
    at: Number = Field(description="Reached when the ladder's indicator is at least this.")
    text: Text = ""
    effects: list[Effect] = Field(
        default_factory=list, description="Applied every turn the ladder stands on this rung."
    )
    off_ramps: list[Ident] = Field(
        default_factory=list, description="Events that offer a way down from this rung."
    )


class Ladder(Model):
    """An escalation ladder read from one indicator; its name is the rung index in expressions."""

    label: StrictStr = Field(description="Name of the ladder, e.g. `LAC escalation`.")
    indicator: Ident = Field(description="The indicator whose value sets the rung.")
    rungs: list[Rung] = Field(min_length=2, description="From the calmest to the most severe.")


class Resource(Model):
    """A role's scarce budget (political capital, say) that options with a `cost` draw on.

    It is held by an indicator, so the dashboard, the ledger and expressions show and
    read it like any other value: the indicator's `start`, `max` and `min` are the
    resource's start value, ceiling and floor.
    """

    indicator: Ident = Field(description="The indicator that holds the resource.")
    label: StrictStr = Field(
        "",
        description="Its name in messages, e.g. `political capital`; empty: the indicator's label.",
    )
    regen: Expr | None = Field(
        None,
        description=(
            "Gained at the start of every turn after the first (may be negative), e.g. "
            "`0.5 + india_support / 50` so that domestic support refills it."
        ),
        examples=["0.5 + india_support / 50"],
    )


class Commitment(Model):
    """A public promise a role makes with an option, remembered until it lapses or is broken.

    Breaking it (by a later option, or when a condition comes to hold) applies its
    `penalty`, recorded in the ledger as the role breaking the commitment.
    """

    id: Ident
    role: Literal["india", "us"] = Field(description="Who makes the promise.")
    label: Text = Field(
        description="What was promised, e.g. `the pledge to buy US energy` (reads after `broke`)."
    )
    made_by: list[StrictStr] = Field(
        min_length=1,
        description="Options that make it, as `event_id.option_id`.",
        examples=[["oil_question.cut_russian"]],
    )
    broken_by: list[StrictStr] = Field(
        default_factory=list,
        description="Options that break it while it stands, as `event_id.option_id`.",
    )
    broken_when: Condition | None = Field(
        None,
        description="Broken if this holds after a turn's choices while it stands, e.g. `us_tariff > 30`.",
    )
    lasts: StrictInt = Field(
        0, ge=0, le=60, description="Turns it stands once made (then it is kept); 0: to the end."
    )
    penalty: list[Effect] = Field(
        default_factory=list,
        max_length=8,
        description="Applied when it is broken; spread it with `over` so the damage lasts.",
    )


class Objective(Model):
    """A goal checked at the end of the game."""

    id: Ident
    label: Text
    description: Text = ""
    when: Condition = Field(description="Met if this holds at the end of the game.")
    weight: Number = Field(1, gt=0, description="Share of the score this objective carries.")
    primary: StrictBool = Field(
        False, description="The role's main aim; `simulate` reports its win rate."
    )
    band: Number | dict[Ident, Number] | None = Field(
        None,
        description="How far short of a threshold still earns partial credit, in the indicator's "
        "unit (a mapping gives one band per indicator). Default: 5% of the indicator's range.",
    )
    partial: Annotated[Number, Field(ge=0, lt=1)] | None = Field(
        None,
        description="Credit just short of the thresholds, falling to 0 at the edge of `band`; "
        "0 makes the objective all-or-nothing. Default: `settings.partial_credit`.",
    )


class Objectives(Model):
    """Objectives of each role and of the partnership."""

    india: list[Objective] = Field(
        default_factory=list, max_length=12, description="India's objectives."
    )
    us: list[Objective] = Field(
        default_factory=list, max_length=12, description="The United States' objectives."
    )
    shared: list[Objective] = Field(
        default_factory=list, description="Partnership goals; count for both roles."
    )


class Ending(Model):
    """A way the game can end; the first whose condition holds is chosen."""

    id: Ident
    title: Text
    when: Condition = Field(
        True, description="Chosen if this holds (the last ending is the fallback)."
    )
    early: StrictBool = Field(
        False, description="Checked after every turn; ends the game at once when it holds."
    )
    epilogue: Text = Field(description="What happened next; shown on the end screen.")
    score: dict[Ident, Annotated[Number, Field(ge=0, le=100)]] = Field(
        default_factory=dict,
        description="What this ending is worth to each role, 0-100 (`{india: 80, us: 20}`). "
        "A role's final score is then half its objectives' score and half this.",
    )


class Source(Model):
    """A fact the scenario rests on, or an invented element flagged as hypothetical."""

    fact: StrictStr = Field(description="The fact or figure, in your own words.")
    cite: StrictStr = Field("", description="Where it comes from, e.g. `framework article`.")
    hypothetical: StrictBool = Field(False, description="True for invented elements.")


DateText = Annotated[
    StrictStr,
    Field(
        pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$",
        description="A date as `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.",
        examples=["2025-10-31", "2025-11"],
    ),
]


class Citation(Model):
    """Where a fact was published: publication, date and title, and a public address if any."""

    publication: StrictStr = Field(
        min_length=2, description="Who published it, e.g. `Deccan Herald` or `USTR`."
    )
    date: StrictStr = Field(
        min_length=4,
        description="When it was published, e.g. `7 November 2025` or `November 2025`.",
    )
    title: StrictStr = Field(min_length=2, description="The title of the page or article.")
    url: StrictStr = Field(
        "",
        pattern=r"^(https?://\S+)?$",
        description="A public web address, if there is one.",
    )


class Term(Model):
    """A word of the glossary, defined in plain language."""

    term: StrictStr = Field(min_length=1, max_length=60, description="The word, e.g. `LAC`.")
    aliases: list[StrictStr] = Field(
        default_factory=list,
        max_length=8,
        description="Other spellings or the long form, e.g. `Line of Actual Control`.",
    )
    definition: StrictStr = Field(min_length=10, description="A plain explanation for players.")
    date: DateText | None = Field(None, description="When it began or was signed, if real.")
    source: Citation | None = Field(None, description="Where a real term's facts come from.")


class Dated(Model):
    """One real event of the timeline: what happened, when, and where it was reported."""

    id: Ident
    date: DateText
    title: StrictStr = Field(min_length=2, description="What happened, in a few words.")
    text: StrictStr = Field("", description="One or two sentences of detail.")
    source: Citation = Field(description="Where it was reported.")


class Reference(Model):
    """A shared glossary and timeline file that several scenarios name under `reference`."""

    glossary: list[Term] = Field(default_factory=list, max_length=300)
    timeline: list[Dated] = Field(default_factory=list, max_length=300)


class Intelligence(Model):
    """How good the intelligence behind forecasts is: poor intelligence blurs and tilts them."""

    quality: Expr = Field(
        1,
        description=(
            "Quality of the assessment, 0 (guesswork) to 1 (perfect), evaluated when a "
            "forecast is made, e.g. `intel_sharing / 100`."
        ),
        examples=["intel_sharing / 100"],
    )
    noise: Number = Field(
        0.3,
        ge=0,
        le=1,
        description=(
            "At quality 0, how far off an assessment may be: a share of each indicator's "
            "range and of each probability. Scaled down as quality rises."
        ),
    )
    bias: Number = Field(
        0,
        ge=-1,
        le=1,
        description="At quality 0, optimism (+) or pessimism (-) of probabilities; scaled like noise.",
    )
    assessments: Expr | None = Field(
        None,
        description=(
            "How many assessments (forecasts) each role may ask for in a turn, evaluated at "
            "the turn's start and rounded down (at least 1), e.g. `1 + intel_sharing / 40`. "
            "Default: 1 + 2 x quality (1 with guesswork, 3 with perfect intelligence)."
        ),
        examples=["1 + intel_sharing / 40"],
    )


class Expectation(Model):
    """A statement about the scenario's balance, checked by `python -m game check`."""

    name: StrictStr = Field(description="What is expected, in words (shown as the test name).")
    metric: StrictStr = Field(
        pattern=r"^(roles\.(india|us)\.(win_rate|mean_score|objectives\.[a-z][a-z0-9_]*)"
        r"|endings\.([a-z][a-z0-9_]*|\*)|events\.([a-z][a-z0-9_]*|\*)"
        r"|options\.[a-z][a-z0-9_]*\.([a-z][a-z0-9_]*|max)"
        r"|final\.[a-z][a-z0-9_]*\.p(10|50|90)|mean_turns"
        r"|decisions\.([a-z][a-z0-9_]*|\*)\.spread"
        r"|balance\.(win_gap|top_ending|endings_over_3pct|low_spread_share)"
        r"|capital\.(india|us)\.binding|commitments\.[a-z][a-z0-9_]*\.broken)$",
        description=(
            "A figure of `simulate --json`: `roles.india.win_rate`, `roles.us.mean_score`, "
            "`roles.india.objectives.ID`, `endings.ID`, `events.ID`, `options.EVENT.OPTION`, "
            "`options.EVENT.max` (share of the most chosen option), `final.IND.p50`, "
            "`mean_turns`, `decisions.EVENT.spread` (expert play), `balance.win_gap`, "
            "`balance.top_ending`, `balance.endings_over_3pct`, `balance.low_spread_share`, "
            "`capital.india.binding` (share of the role's decision turns on which its budget "
            "binds), `commitments.ID.broken` (share of games that end with it broken). "
            "`events.*`, `endings.*` and `decisions.*.spread` require every one to hold."
        ),
        examples=["roles.india.win_rate", "events.*", "final.trade_bn.p50"],
    )
    policy: StrictStr | dict[Ident, StrictStr] = Field(
        "random", description="Bots for both roles, or per role: `{india: expert, us: balanced}`."
    )
    versus: StrictStr | dict[Ident, StrictStr] | None = Field(
        None,
        description="If set, the metric is the ratio of the figure under `policy` to the figure under `versus`.",
    )
    runs: StrictInt = Field(2000, ge=10, le=200_000, description="Games simulated (fixed seeds).")
    seed: StrictInt = Field(1, ge=0, description="Seed of the simulation.")
    min: Number | None = Field(None, description="The figure must be at least this.")
    max: Number | None = Field(None, description="The figure must be at most this.")


class Length(Model):
    """A shorter telling of the scenario (e.g. `lesson`): the same story in fewer turns.

    Turn t of the shorter game plays the full scenario's turn `story(t)`, spread evenly from
    the first turn to the last; the full turns in between are fast-forwarded (see
    game/scenario/lengths.py): drift and per-turn rung effects scale with the turns
    skipped, delays, durations and cooldowns shrink, chances compound, and a condition on
    `turn` holds if it held at any skipped turn.
    """

    turns: StrictInt = Field(
        ge=2, le=60, description="Number of turns; fewer than the full scenario's."
    )
    summary: Text = Field("", description="One line on what this length keeps, for players.")
    decisions_per_turn: StrictInt | None = Field(
        None, ge=1, le=4, description="Most decisions a role faces in one turn (default: as full)."
    )
    weight: Number | dict[Literal["india", "us"], Number] = Field(
        1,
        description=(
            "Each decision stands for this much more of the story: the amounts options `add` "
            "are multiplied by it (e.g. 1.5 when a role decides half as often as in full); "
            "one number, or one per deciding role (a role left out keeps 1)."
        ),
    )
    regen: Number | dict[Literal["india", "us"], Number] = Field(
        1,
        description=(
            "Each resource's `regen` is multiplied by it (one number, or one per role), so "
            "that political capital stays as scarce per decision as in full: a shorter "
            "length puts more decisions in a turn, so set it to their ratio (decisions per "
            "turn here / in full, e.g. 1.3; `simulate --json` reports both lengths' "
            "`capital.ROLE.binding`)."
        ),
    )
    drop: list[Ident] = Field(
        default_factory=list,
        description="Events that never happen in this length (their triggers are removed too).",
    )
    move: dict[Ident, StrictInt] = Field(
        default_factory=dict,
        description="Event id -> the earliest turn of this length it can fire (instead of the mapped one).",
    )
    expectations: list[Expectation] = Field(
        default_factory=list,
        description="Balance tests of this length (`python -m game check ID --length NAME`).",
    )

    @field_validator("weight", "regen")
    @classmethod
    def _factor_in_range(cls, v: object, info: ValidationInfo) -> object:
        for k in v.values() if isinstance(v, dict) else [v]:
            if not 0 < k <= 4:  # type: ignore[operator]
                raise ValueError(
                    f"a {info.field_name} factor must be above 0 and at most 4, got {k:g}"
                )
        return v


class Settings(Model):
    """Rules of play."""

    decisions_per_turn: StrictInt = Field(
        2, ge=1, le=4, description="Most decisions a role faces in one turn."
    )
    partial_credit: Number = Field(
        0,
        ge=0,
        lt=1,
        description="Every objective's default `partial`: the credit just short of its "
        "thresholds (0: objectives are all-or-nothing unless they say otherwise).",
    )


class Scenario(Model):
    """A complete scenario file."""

    format: Literal[1] = Field(description="Version of the scenario format; 1.")
    id: Ident = Field(description="Scenario id, used on the command line.")
    title: Text
    summary: Text
    period: Period = Field(description="When it starts, turn length and number of turns.")
    difficulty: Literal["introductory", "standard", "advanced"] = Field(
        "standard", description="How demanding the scenario is, shown in the new-game screen."
    )
    settings: Settings = Field(
        default_factory=Settings, description="Rules of play, e.g. decisions per turn."
    )
    intelligence: Intelligence = Field(
        default_factory=Intelligence,
        description="How reliable forecasts and advisors' assessments are.",
    )
    roles: dict[Ident, Role] = Field(description="`india` and `us`.")
    actors: dict[Ident, Actor] = Field(
        default_factory=dict, max_length=32, description="Non-playable actors, by id."
    )
    indicators: dict[Ident, Indicator] = Field(
        min_length=1, max_length=64, description="The numbers the game tracks, by id."
    )
    ladders: dict[Ident, Ladder] = Field(
        default_factory=dict, max_length=8, description="Escalation ladders, by id."
    )
    resources: dict[Ident, Resource] = Field(
        default_factory=dict,
        description="Each role's scarce resource that option `cost`s draw on, by role (`india`, `us`).",
    )
    commitments: list[Commitment] = Field(
        default_factory=list,
        max_length=40,
        description="Promises options make, what breaks them and what breaking costs.",
    )
    events: list[Event] = Field(
        default_factory=list, max_length=500, description="Everything that can happen."
    )
    objectives: Objectives = Field(description="What each role, and the partnership, aims for.")
    endings: list[Ending] = Field(
        min_length=1, max_length=20, description="How the game can end; the last is the fallback."
    )
    questions: list[Text] = Field(default_factory=list, description="Debrief questions.")
    sources: list[Source] = Field(
        default_factory=list,
        max_length=200,
        description="The facts the scenario rests on, and its invented elements flagged as such.",
    )
    expectations: list[Expectation] = Field(
        default_factory=list, description="Balance tests run by `python -m game check`."
    )
    reference: StrictStr | None = Field(
        None,
        description=(
            "A shared glossary and timeline file, relative to this scenario's folder "
            "(e.g. `reference/india_us.yaml`); this file's own `glossary` and `timeline` "
            "add to it and replace entries with the same term or id."
        ),
    )
    glossary: list[Term] = Field(
        default_factory=list,
        max_length=300,
        description="Words players may not know, each with a plain definition.",
    )
    timeline: list[Dated] = Field(
        default_factory=list,
        max_length=300,
        description="Real dated events behind the scenario, each with its source.",
    )
    lengths: dict[Ident, Length] = Field(
        default_factory=dict,
        max_length=4,
        description=(
            "Shorter tellings of the same story, by name (e.g. `lesson: {turns: 8}`); "
            "`full` is the scenario as written and may not be redefined."
        ),
    )

    # Set on a shorter length derived by game/scenario/lengths.py, never read from a file:
    # its name, and the full scenario's turn that each turn plays.
    _length: str = PrivateAttr("full")
    _story: tuple[int, ...] = PrivateAttr(())

    @property
    def length(self) -> str:
        """Which telling this is: `full`, or the name of a shorter length."""
        return self._length

    def story_turn(self, turn: int) -> int:
        """The full scenario's turn that `turn` plays (the same turn in the full length)."""
        if not self._story:
            return turn
        return self._story[max(0, min(turn, len(self._story)) - 1)] + max(
            0, turn - len(self._story)
        )

    def months_to(self, turn: int) -> int:
        """Months from the start of the scenario to the start of `turn`."""
        return (self.story_turn(turn) - 1) * self.period.months_per_turn

    def length_turns(self) -> dict[str, int]:
        """Turns of every length of the scenario, full first: `{"full": 12, "lesson": 8}`."""
        full = self.period.turns if self._length == "full" else max(self._story, default=0)
        return {"full": full, **{k: v.turns for k, v in self.lengths.items()}}
