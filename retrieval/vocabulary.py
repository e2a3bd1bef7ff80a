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
    nation nations state states hi hey hello thanks ok okay yes no mou mous memorandum memoranda
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


# Short forms typed in a channel, office acronyms and ordinals, to the words articles use.
SHORT_FORMS = {
    "eam": "external affairs minister",
    "nsa": "national security adviser",
    "pm": "prime minister",
    "pms": "prime ministers",
    "fm": "foreign minister",
    "fms": "foreign ministers",
    "dm": "defence minister",
    "mea": "ministry of external affairs",
    "mos": "minister of state",
    "fs": "foreign secretary",
    "cds": "chief of defence staff",
    "mou": "memorandum of understanding mou",
    "mous": "memoranda of understanding mous",
    "jwg": "joint working group",
    "fta": "free trade agreement",
    "govt": "government",
    "secy": "secretary",
    "secys": "secretary's",
    "dept": "department",
    "def": "defence",
    "pres": "president",
    "bilat": "bilateral",
    "mil": "military",
    "intl": "international",
    "wht": "what",
    "wat": "what",
    "wot": "what",
    "whn": "when",
    "wen": "when",
    "wher": "where",
    "hw": "how",
    "abt": "about",
    "bw": "between",
    "b/w": "between",
    "w/": "with",
    "w": "with",
    "n": "and",
    "&": "and",
    "r": "are",
    "u": "you",
    "ur": "your",
    "yr": "year",
    "yrs": "years",
    "mtg": "meeting",
    "mins": "ministers",
    "acc": "according",
    "thru": "through",
    "tho": "though",
    "pls": "please",
    "plz": "please",
    "bc": "because",
    "gov": "government",
    "jan": "january",
    "feb": "february",
    "mar": "march",
    "apr": "april",
    "jun": "june",
    "jul": "july",
    "aug": "august",
    "sep": "september",
    "sept": "september",
    "oct": "october",
    "nov": "november",
    "dec": "december",
}

ORDINALS = {
    "1st": "first",
    "2nd": "second",
    "3rd": "third",
    "4th": "fourth",
    "5th": "fifth",
    "6th": "sixth",
    "7th": "seventh",
    "8th": "eighth",
    "9th": "ninth",
    "10th": "tenth",
    "11th": "eleventh",
    "12th": "twelfth",
    "13th": "thirteenth",
    "14th": "fourteenth",
    "15th": "fifteenth",
    "16th": "sixteenth",
    "17th": "seventeenth",
    "18th": "eighteenth",
    "19th": "nineteenth",
    "20th": "twentieth",
}

# Openers of a message addressed to the bot, never part of the question.
ADDRESS_WORDS = frozenset(
    """hey hi hello hallo yo ok okay so um uh please pls plz bot bilateral dear quick question
    q everyone here""".split()
)

# Words of what is being asked rather than what it is about: an answer need not hold them.
ASKING_WORDS = frozenset(
    """what which who whom whose when where why how did does do done was were is are be been has
    have had tell me us please list name give show explain describe summarise summarize many much
    any some happen happened happening according articles article say said latest recent recently
    last ever both also about between india indian indians country countries two sides held hold
    order oldest newest first""".split()
)


# Words that point back to something said before ("they", "that call", "there"): a question
# that holds them and names nothing new is a follow-up.
REFERRING_WORDS = frozenset(
    """
    he him his she her hers they them their theirs it its that this those these there then
    same such former latter both other else further more also too again another one
    """.split()
)

# Openers of an elliptical turn: "and with Japan?", "what about 2024?", "how about defence".
CONTINUATION_OPENERS = (
    "and",
    "n",
    "also",
    "what about",
    "how about",
    "wat about",
    "and what about",
    "so",
    "then",
)
