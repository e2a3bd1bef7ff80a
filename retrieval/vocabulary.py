"""General vocabulary, in one place: stop words, question words, greetings, number words.

Only general English and the vocabulary of diplomacy live here: no table names an article, a
person or an event."""

from __future__ import annotations

# Words a sentence shares with any question: never evidence that it answers.
STOP_WORDS = set(
    """
    a an the and or of in on at to for with from by about is are was were be been do does did what
    which who when where why how has have had it its this that these those their they them his her
    he she we you i me my our us as also any some there tell india indian can could would
    should will may might must shall
    """.split()
)


# Words capitalised in questions without naming anything the articles must contain.
NOT_KEY_TERMS = set(
    """
    a an the and or but of in on at to for with from by about into over after before since what
    which who whom whose when where why how is are was were be been do does did done has have had
    can could will would should may might must shall tell me us please give show list any some all
    this that these those there their they them it its his her he she we you your i my our india
    indian indians new delhi delhi's government minister ministers ministry foreign external
    affairs defence defense secretary prime president premier pm eam fm nsa counterpart
    counterparts official officials leader leaders talks talk meeting meetings visit visits call
    calls summit dialogue discuss discussed relations ties cooperation bilateral trade energy
    security military army navy air force general gen lt maj col dr mr mrs ms sri shri smt january
    february march april may june july august september october november december jan feb mar apr
    jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday
    recently lately year last latest also then so if between both two sides side country countries
    nation nations state states hi hey hello thanks ok okay yes no
    """.split()
)


# Greetings and chatter: a message of only these asks nothing of the articles.
SMALL_TALK_WORDS = set(
    """
    hi hii hey hello hallo yo thanks thank thx ok okay cool great bye goodbye good morning evening
    afternoon night you there help who are what can do please ?
    """.split()
)


# A question of only these (and countries) asks about the whole relationship.
GENERAL_QUESTION_WORDS = set(
    """
    what did do does done has have had is are was were been be the a an and with between about of
    on in to for how india indian discuss discussed discussion discussions talk talks talked speak
    spoke agree agreed relation relations relationship ties cooperation bilateral engagement
    engagements meet met meeting meetings happen happened happening say said latest recent recently
    news update updates going partnership tell me us our there any lately sides two countries
    summarise summarize overview
    """.split()
)


# India itself: one side of every engagement, so never evidence of a subject.
HOME_WORDS = {"india", "indian", "indians"}


# Number and ordinal words to digits: 'third' and '3rd' are the same claim.
NUMBER_WORDS = {
    w: str(i)
    for i, ws in enumerate(
        [
            "zero",
            "one first",
            "two second",
            "three third",
            "four fourth",
            "five fifth",
            "six sixth",
            "seven seventh",
            "eight eighth",
            "nine ninth",
            "ten tenth",
            "eleven eleventh",
            "twelve twelfth",
            "thirteen thirteenth",
            "fourteen fourteenth",
            "fifteen fifteenth",
            "sixteen sixteenth",
            "seventeen seventeenth",
            "eighteen eighteenth",
            "nineteen nineteenth",
            "twenty twentieth",
        ]
    )
    for w in ws.split()
}


# Capitalised without naming anything: a sentence may start with them.
SENTENCE_OPENERS = set(
    """
    the a an and or but of in on at to for with from by as it its this that these those they their
    them he his she her we our i both also however overall meanwhile moreover furthermore
    additionally according during after before while when where which who what there here then
    later earlier last next yes no not in
    """.split()
)


# Capitalised words next to a name that are not part of it.
NOT_NAME_WORDS = frozenset(
    """the a an in on at his her their its it they he she we i both this that
these those according during after before while but and also last next first however meanwhile
earlier later today yesterday officials sources read photo x""".split()
) | frozenset(
    "january february march april may june july august september october november december jan feb"
    " mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday"
    " sunday ministry government embassy department office organisation organization committee"
    " commission council group forum summit operation initiative agreement partnership region"
    " ocean sea house press news trust post times twitter".split()
)


# Capitalised words after 'in' or 'at' that are not places.
NOT_PLACE_WORDS = frozenset(
    """january february march april may june july august september october
november december monday tuesday wednesday thursday friday saturday sunday the a an his her its
their this that these parliament x""".split()
)
