"""The one vocabulary of segment notes: what kind of line a label names.

``classify(label)`` says whether a caption is revenue, a significant expense, segment
profit, net income, a total, an elimination, a percentage, ... Every part of xlsegment
that needs to know what a line is (the relation search, the signs of prepare mode, the
ties to consolidated amounts, the Excel functions) asks here, so they cannot disagree.

ASC 280-10-50-26B asks for the significant segment expenses regularly provided to the
chief operating decision maker; filers caption them without the word "expense"
("Selling, general and administrative", "Research and development", "Marketing",
"Employee compensation"), so expense captions are listed by what they say.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from functools import lru_cache

from xlsegment.labels import strip_footnotes
from xlsegment.model import Role


class LineKind(enum.StrEnum):
    REVENUE = "revenue"
    EXPENSE = "significant expense"
    OTHER_ITEMS = "other segment items"  # ASC 280-10-50-26C
    SEGMENT_PROFIT = "segment profit"
    GROSS_PROFIT = "gross profit"
    RECONCILING = "reconciling item"
    PRETAX_INCOME = "income before tax"
    NET_INCOME = "net income"
    ASSETS = "assets"
    DEPRECIATION = "depreciation and amortization"
    CAPEX = "capital expenditure"
    OTHER_AMOUNT = "other amount"  # a financial caption of no kind above (goodwill, inventories)
    TOTAL = "total"  # a bare total: "Total", "Consolidated", "Worldwide"
    SUBTOTAL = "subtotal"  # the total of a group: "Total Americas", "Total reportable segments"
    ELIMINATION = "elimination"
    INTERSEGMENT = "intersegment"
    CORPORATE = "corporate"
    PERCENT = "percentage or ratio"
    COUNT = "count"  # "Number of stores", "Employees": a measure, no amount of money
    UNKNOWN = "unknown"  # no financial wording: a segment, region or product name


# Kinds that name an amount of the entity (a line item), not who it belongs to.
MEASURES = frozenset(
    {
        LineKind.REVENUE,
        LineKind.EXPENSE,
        LineKind.OTHER_ITEMS,
        LineKind.SEGMENT_PROFIT,
        LineKind.GROSS_PROFIT,
        LineKind.RECONCILING,
        LineKind.PRETAX_INCOME,
        LineKind.NET_INCOME,
        LineKind.ASSETS,
        LineKind.DEPRECIATION,
        LineKind.CAPEX,
        LineKind.OTHER_AMOUNT,
        LineKind.INTERSEGMENT,
        LineKind.COUNT,
    }
)
# Result lines: a list of figures above them ends in them.
RESULTS = frozenset(
    {
        LineKind.SEGMENT_PROFIT,
        LineKind.GROSS_PROFIT,
        LineKind.PRETAX_INCOME,
        LineKind.NET_INCOME,
        LineKind.TOTAL,
        LineKind.SUBTOTAL,
    }
)


@dataclass(frozen=True, slots=True)
class Line:
    """What a caption says about its line."""

    kind: LineKind
    total: bool = False  # labelled a total: "Total ...", "Consolidated ...", "Subtotal"
    expense: bool = False  # an amount that is subtracted when shown as a positive figure
    income: bool = False  # income-like words come first: "Gain on ...", "Other income (expense)"

    @property
    def closes(self) -> bool:
        """Reads as the end of a list: a total, a subtotal or a result (profit, net income)."""
        return self.total or self.kind in RESULTS

    @property
    def financial(self) -> bool:
        """Names an amount (a line item), not a segment, region or product."""
        return self.kind in MEASURES


def _words(*alternatives: str) -> re.Pattern:
    return re.compile("|".join(alternatives), re.IGNORECASE)


# Order matters: the first kind whose words a label carries wins.
_PERCENT = _words(r"%", r"\bper ?cent", r"\bpercentage\b", r"\bbps\b", r"\bbasis points\b", r"^change$")
_ELIMINATION = _words(r"\beliminations?\b", r"\beliminated\b", r"\bconsolidation\s+adjustments?\b")
_INTERSEGMENT = _words(r"\binter-?\s?segments?\b", r"\bintercompany\b", r"\binter-?company\b")
_NET_INCOME = _words(
    r"^(?:consolidated\s+)?net\s+\(?(?:income|loss|earnings|profit)",
    r"^(?:consolidated\s+)?net\s+\(loss\)\s+income",
    r"^(?:profit|loss|result)\s+(?:\(loss\)\s+)?for\s+the\s+(?:year|period)",
)
_PRETAX = _words(
    r"\b(?:income|earnings|profit|loss|\(loss\))\s+(?:\(loss\)\s+)?before\s+(?:provision\s+for\s+)?"
    r"(?:income\s+)?tax",
    r"\bbefore\s+income\s+taxes\b",
)
_OTHER_ITEMS = _words(r"\bother\s+segment\s+items?\b")
_PROFIT = _words(
    r"\bsegments?\s+(?:operating\s+)?(?:profit|income|loss|\(loss\)|earnings|results?|contribution|ebitd?a)",
    r"\boperating\s+(?:\(loss\)\s+)?(?:income|profit|earnings|loss|results?|margin)\b",
    r"\b(?:income|earnings|profit|loss)\s+(?:\(loss\)\s+)?from\s+operations\b",
    # IFRS wording (IAS 1.BC56): "Results from operating activities", "Profit from operations"
    r"\b(?:results?|profit|loss)\s+from\s+operating\s+activities\b",
    r"\bbefore\s+interest,?\s+(?:and\s+)?(?:income\s+)?taxes\b",
    r"\b(?:adjusted\s+)?ebit(?:d?a)?\b",
    r"\b(?:adjusted\s+)?oibda\b",  # operating income before depreciation and amortization
    r"\bcontribution(?:\s+margin)?$",
    r"\bsegment\s+result\b",
    r"\b(?:beneficio|resultado|utilidad|lucro|risultato)\s+(?:operativo|operacional|del?\s+segmento|do\s+segmento|del\s+settore)\b",
    # "Resultado de explotación", "Resultado de exploração", "Résultat opérationnel",
    # "Betriebsergebnis", "Operatief resultaat"
    r"\bresultado\s+de\s+explota|\bresultado\s+de\s+explora|\br[ée]sultat\s+op[ée]rationnel",
    r"\bbetriebsergebnis\b|\boperatief\s+resultaat\b",
)
_GROSS = _words(
    r"\bgross\s+(?:profit|margin)\b",
    # Portuguese, Spanish, French and German gross profit
    r"\blucro\s+bruto\b|\butilidad\s+bruta\b|\bbeneficio\s+bruto\b|\bmarge\s+brute\b|\bbruttoergebnis\b",
)
_DEPRECIATION = _words(
    r"\bdepreciation\b",
    r"\bamorti[sz]ation\b",
    r"\bd&a\b",
    # Spanish, Portuguese, French, German and Italian depreciation and amortisation
    r"\bamortizaci(?:ón|on|ones)\b|\bdepreciaci(?:ón|on)\b|\bamortiza[çc](?:ão|ao|ões)\b|\bdeprecia[çc](?:ão|ao)\b",
    r"\bamortissements?\b|\babschreibungen\b|\bammortamenti\b",
)
_CAPEX = _words(
    r"\bcapital\s+expenditures?\b",
    r"\bcapex\b",
    r"\badditions\s+to\s+(?:property|long-lived|plant|fixed)",
    r"\bpurchases?\s+of\s+property",
    r"\bexpenditures?\s+for\s+(?:long-lived|property)",
    # "Inversiones en inmovilizado", "Investimentos em imobilizado", "Investitionen"
    r"\binversiones\s+en\s+(?:inmovilizado|activos)|\binvestimentos\s+em\s+(?:imobilizado|ativos)",
    r"\binvestissements\s+(?:corporels|en\s+immobilisations)|\binvestitionen\b",
)
# "Ativo total" (Portuguese, singular), "Activo total", "资产" and "資産" (Chinese, Japanese)
_ASSETS = _words(
    r"\bassets\b",
    r"\bactivos?\b|\bativos?\b|\bactifs\b|\bvermögenswerte\b|\battività\b",
    r"资产|資産",
)
_ON_ASSETS = _words(
    r"\b(?:gains?|loss(?:es)?|impairments?|fair\s+value\s+changes?|changes?\s+in\s+fair\s+value"
    r"|write[\s-]?(?:downs?|offs?)|depreciation|amortization|disposals?)\b.*\bassets\b",
)
# "Significant items:", "Specific items", "Adjusting items": IFRS filers' headings over the
# items that reconcile an underlying measure to the statutory one (IAS 1.97-98 items).
_RECONCILING = _words(
    r"\bunallocated\b",
    r"\breconciling\s+items?\b",
    r"\bnot\s+allocated\b",
    r"^(?:individually\s+)?(?:significant|specific|special|adjusting|exceptional|non-?recurring)\s+items\b",
    # unallocated items and reconciliations in Spanish, Portuguese, French and German
    r"\bno\s+asignad[oa]s?\b|\bn[ãa]o\s+alocad[oa]s?\b|\bnon\s+allou[ée]e?s?\b|\bnicht\s+zugeordnet",
    # "Conciliación con el resultado ...": a heading over the items; "Überleitung" alone
    # heads the reconciling column or block, a category beside the segments
    r"^(?:conciliaci[óo]n|concilia[çc][ãa]o|rapprochement|überleitung)\s+(?:con|com|avec|zu[mr]?|to|with)\b",
)
# "Number of stores at fiscal year end", "Employees", "Headcount": counts beside amounts.
_COUNT = _words(r"^(?:average\s+|total\s+)?number\s+of\b", r"^headcount\b", r"^(?:average\s+)?employees\b")
# Expense captions, with and without the word "expense" (ASC 280-10-50-26B).
_EXPENSE = _words(
    r"\bexpenses?\b",
    r"\bcosts?\b",
    r"\bcost(?:e|o)s?\b",  # Spanish and Portuguese costs and expenses
    r"\bgastos?\b",
    r"\bdespesas?\b",  # Portuguese expenses
    r"\bcustos?\b",
    r"\bcosti\b",
    r"\bselling\b",
    r"\b(?:general\s+(?:and|&)\s+)?administrative\b",
    r"\bresearch\s+(?:and|&)\s+development\b",
    r"\bproduct\s+development\b",
    r"\btechnology\s+and\s+(?:infrastructure|development|content)\b",
    r"\bmarketing\b",
    r"\badvertising\b",
    r"\bcompensation\b",
    r"\bsalar(?:y|ies)\b",
    r"\bwages\b",
    r"\bpayroll\b",
    r"\bpurchased\b",  # "Purchased transportation", "Purchased power": a carrier's or utility's cost
    r"\bpersonnel\b",
    r"\bemployee\s+(?:benefits?|related)\b",
    r"\boccupancy\b",
    r"\bfulfil?lment\b",
    r"\bprofessional\s+fees\b",
    r"\bcharges?\b",
    r"\bimpairments?\b",
    r"\brestructuring\b",
    r"\bwrite-?(?:downs?|offs?)\b",
    r"\blosses\b",
    r"\bloss\b",
    r"\bprovisions?\s+for\b",
    r"\btax(?:es)?\b(?!\s+benefits?)",
    r"\bdividends\b",
)
# Words that make a caption income-like where they come before the expense words
# ("Other income (expense), net" is income; "Interest expense (income), net" an expense).
_INCOME = _words(
    r"\bincome\b(?!\s+tax)",
    r"\btax(?:es)?\s+benefits?\b",
    r"\bgains?\b",
    r"\brevenues?\b",
    r"\bbenefits?\b",
    r"\brecoveries\b",
    r"\bcredits?\b",
    r"\bprofit\b",
)
_REVENUE = _words(
    r"\brevenues?\b",
    r"\bnet\s+sales\b",
    r"\bsales\b",
    r"\bturnover\b",
    r"\bpremiums\b",
    r"\broyalt(?:y|ies)\b",  # a franchisor's or licensor's revenue
    r"\bumsatz",
    r"\bomzet\b",
    r"\bchiffre\s+d.affaires\b",
    r"\bingresos\b",  # Spanish, Portuguese and Italian filers' revenue
    r"\bventas\b",
    r"\breceitas?\b",
    r"\bricavi\b",
)
_NOT_REVENUE = _words(r"\bcosts?\s+of\b", r"\bsales\s+and\s+marketing\b", r"\bselling\b")
_OTHER_AMOUNT = _words(
    r"\bincome\b",
    r"\bgains?\b",
    r"\binterest\b",
    r"\bgoodwill\b",
    r"\binventor(?:y|ies)\b",
    r"\bliabilit(?:y|ies)\b",
    r"\bequity\b",
    # "Investments in affiliates", "Investment property", "Property, plant and equipment";
    # but "Property development", "Investment management" and "Property & Casualty" are
    # segments, so "property" and "investment" alone name no amount.
    r"^investments?$",
    r"\binvestments?\s+in\b",
    r"\b(?:equity[- ]method|short-term|long-term|other)\s+investments?\b",
    r"\binvestment\s+propert(?:y|ies)\b",
    r"\bproperty,?\s+(?:plant|and\s+equipment)",
    r"\bproperty\s+taxes\b",
    r"\badjustments?\b",
    r"\bfees\b",
    r"\bmargin\b",
    r"\bcash\b",
    r"\brecoveries\b",
    r"\bprofit\b",
    r"\bearnings\b",
    r"\bexpenditures?\b",
)
_CORPORATE = _words(r"\bcorporate\b", r"\ball\s+other\b", r"\bheadquarters\b")
# A bare total, in English and in the languages of European filers.
_BARE_TOTAL = re.compile(
    r"^(?:total|totals|consolidated|total\s+consolidated|consolidated\s+total|grand\s+total|worldwide"
    r"|worldwide\s+total|total\s+company|company\s+total|group|group\s+total|total\s+group"
    r"|totaal|groep|gesamt|summe|konzern|total\s+du\s+groupe|totale"
    # the consolidated figure in Spanish, Portuguese, French and Italian notes
    r"|(?:total\s+)?consolidad[oa]|(?:total\s+)?consolid[ée]e?|(?:totale\s+)?consolidato)$",
    re.IGNORECASE,
)
_TOTAL_PREFIX = re.compile(
    r"^(?:total|totals|subtotal|sub-total|consolidated|segments?\s+total|totaal|gesamt|summe)\b[\s:,-]*",
    re.IGNORECASE,
)
_SUBTOTAL = _words(r"^sub-?total\b", r"^total\s+(?:reportable\s+|operating\s+)?segments?\b")
# "Segments total", "Worldwide total", "<Company> Consolidated": a total named at the end.
# Chinese and Japanese write the total last, without a space: "分部资产合计", "资产总额".
_TOTAL_SUFFIX = re.compile(
    r"[\s,-]+(?:total|consolidated)$|(?:合计|合計|总计|總計|总额|總額|小计|小計)$", re.IGNORECASE
)
_PAREN = re.compile(r"\([^)]*\)")


def _clean(label: str) -> str:
    text = strip_footnotes(label).replace("\u2019", "'").strip(" :")
    return " ".join(text.split())


@lru_cache(maxsize=16384)
def classify(label: str) -> Line:
    """The kind of line ``label`` names, whether it is labelled a total, and whether it
    is an expense (subtracted when shown positive)."""
    text = _clean(label)
    if not text:
        return Line(LineKind.UNKNOWN)
    if _PERCENT.search(text):
        return Line(LineKind.PERCENT)  # a ratio is never a total, whatever it says
    if _BARE_TOTAL.match(text):
        return Line(LineKind.TOTAL, total=True)
    prefix = _TOTAL_PREFIX.match(text)
    suffix = None if prefix else _TOTAL_SUFFIX.search(text)
    total = prefix is not None or suffix is not None
    rest = text[prefix.end() :] if prefix else (text[: suffix.start()] if suffix else text)
    kind = _kind(rest, text)
    if _SUBTOTAL.search(text) and kind in (LineKind.UNKNOWN, LineKind.CORPORATE):
        kind = LineKind.SUBTOTAL
    elif suffix and kind == LineKind.UNKNOWN:
        kind = LineKind.SUBTOTAL if "segment" in rest.lower() else LineKind.TOTAL  # "Segments total"
    elif total and kind == LineKind.UNKNOWN:
        kind = LineKind.SUBTOTAL if rest else LineKind.TOTAL  # "Total Americas", "Total"
    expense = _is_expense(kind, text)
    income = not expense and kind not in (LineKind.PERCENT,) and _income_first(_PAREN.sub(" ", text))
    return Line(kind, total, expense, income)


def _kind(rest: str, text: str) -> LineKind:
    if _PERCENT.search(text):
        return LineKind.PERCENT
    if _COUNT.search(rest):
        return LineKind.COUNT
    if _ELIMINATION.search(rest):
        return LineKind.ELIMINATION
    if _INTERSEGMENT.search(rest):
        return LineKind.INTERSEGMENT
    for pattern, kind in (
        (_NET_INCOME, LineKind.NET_INCOME),
        (_PRETAX, LineKind.PRETAX_INCOME),
        (_OTHER_ITEMS, LineKind.OTHER_ITEMS),
        (_PROFIT, LineKind.SEGMENT_PROFIT),
        (_GROSS, LineKind.GROSS_PROFIT),
        (_DEPRECIATION, LineKind.DEPRECIATION),
        (_CAPEX, LineKind.CAPEX),
        (_RECONCILING, LineKind.RECONCILING),
    ):
        if pattern.search(rest):
            return kind
    core = _PAREN.sub(" ", rest)
    if _REVENUE.search(core) and not _NOT_REVENUE.search(core) and not _expense_first(core):
        return LineKind.REVENUE
    if _EXPENSE.search(core) and _expense_first(core):
        return LineKind.EXPENSE
    if _ASSETS.search(rest):
        # "Realized gain on digital assets", "Impairment of other assets": a gain, loss or
        # charge on assets is an amount of the period, never a balance of assets
        return LineKind.OTHER_AMOUNT if _ON_ASSETS.search(rest) else LineKind.ASSETS
    if _OTHER_AMOUNT.search(rest) or _EXPENSE.search(rest) or _REVENUE.search(rest):
        return LineKind.OTHER_AMOUNT
    if _CORPORATE.search(rest):
        return LineKind.CORPORATE
    return LineKind.UNKNOWN


def _expense_first(core: str) -> bool:
    """The caption's main word is an expense: the first expense word comes before any
    income word ("Interest expense (income), net"; not "Other income (expense), net")."""
    exp = _EXPENSE.search(core)
    if not exp:
        return False
    inc = _INCOME.search(core)
    return inc is None or exp.start() < inc.start()


def _income_first(core: str) -> bool:
    inc = _INCOME.search(core)
    if not inc:
        return False
    exp = _EXPENSE.search(core)
    return exp is None or inc.start() < exp.start()


# Other segment items (ASC 280-10-50-26C) are what revenue less the significant expenses
# still needs to reach segment profit: subtracted like an expense when shown positive.
_EXPENSE_KINDS = frozenset({LineKind.EXPENSE, LineKind.DEPRECIATION, LineKind.OTHER_ITEMS})


def _is_expense(kind: LineKind, text: str) -> bool:
    if kind in _EXPENSE_KINDS:
        return True
    if kind in (LineKind.RECONCILING, LineKind.OTHER_AMOUNT, LineKind.CORPORATE, LineKind.SUBTOTAL):
        return _expense_first(_PAREN.sub(" ", text))
    return False


# ---------------------------------------------------------------- column headers

# "Total Brand", "Segments Total", "Gesamt": a total wherever the word stands. "Group"
# and "Konzern" only alone (IFRS 8's "Group" column): "Industrial Group" is a segment.
_TOTAL_COLUMN = re.compile(
    r"\btotale?\b|\bconsolidated\b|\bgesamt|\bsumme\b|\btotaal\b|\bworldwide\b", re.IGNORECASE
)


def is_total_column(label: str) -> bool:
    """A column header that names the total of the columns beside it."""
    return bool(_TOTAL_COLUMN.search(label) or _BARE_TOTAL.match(_clean(label)))


# "Adjustments" alone heads the reconciling column of Japanese and IFRS 8 tables ("Total |
# Adjustments (Note 2) | Consolidated"); "Adjustments and eliminations" is an elimination.
_RECONCILING_COLUMN = re.compile(
    r"^(?:reconcil\w*|reconciling\s+items\b|adjustments?\s*(?:\((?:note\s*)?\d+\))?$)", re.IGNORECASE
)


def is_reconciling_column(name: str) -> bool:
    return bool(_RECONCILING_COLUMN.match(name.strip()))


# A reconciliation laid out in columns ("IFRS results | Amortization | Restructuring | Core
# results"): the first column states a measure on the reporting basis, the last on the
# entity's own adjusted basis (IFRS 8.28 reconciles such a measure; SEC Regulation G and
# Item 10(e) require a non-GAAP measure's reconciliation to its GAAP one). Its columns are
# bases of the same figures, never segments.
_BASIS = r"(?:\s+(?:results?|basis|figures|measures?|amounts?))?"
_REPORTED_BASIS = re.compile(
    r"^(?:ifrs|(?:u\.?s\.?\s*)?gaap|reported|as\s+reported|statutory|ias"
    r"|(?:as\s+)?(?:previously|originally)\s+reported|as\s+filed)" + _BASIS + r"$",
    re.IGNORECASE,
)
_ADJUSTED_BASIS = re.compile(
    r"^(?:core|adjusted|as\s+adjusted|non-?\s?(?:ifrs|gaap)|underlying|comparable|pro\s*forma"
    r"|(?:as\s+)?(?:recast|revised|restated))" + _BASIS + r"$",
    re.IGNORECASE,
)
# Figures recast for a change of segments or a correction (ASC 280-10-50-34, ASC 250):
# the recast basis is the current one, and the figures as previously reported are the
# ones named by their basis.
_RECAST_BASIS = re.compile(r"^(?:as\s+)?(?:recast|revised|restated)$", re.IGNORECASE)


def is_reported_basis(label: str) -> bool:
    return bool(_REPORTED_BASIS.match(_clean(label)))


def is_adjusted_basis(label: str) -> bool:
    return bool(_ADJUSTED_BASIS.match(_clean(label)))


def is_recast_basis(label: str) -> bool:
    return bool(_RECAST_BASIS.match(_clean(label)))


@lru_cache(maxsize=16384)  # a tidy note names each of its few segments on every row
def column_role(name: str) -> Role:
    """The role of a column from its header: Total, Eliminations, Corporate or a segment.
    "Reconciliation to Consolidated Financial Statements" holds reconciling items, not the
    consolidated figure its header names."""
    if _RECONCILING_COLUMN.match(name.strip()):
        return Role.CORPORATE
    if is_total_column(name):
        return Role.TOTAL
    kind = classify(name).kind
    if kind in (LineKind.ELIMINATION, LineKind.INTERSEGMENT):
        return Role.ELIMINATION
    if kind in (LineKind.CORPORATE, LineKind.RECONCILING) or re.search(r"\bcorporate\b", name, re.I):
        return Role.CORPORATE
    return Role.SEGMENT


_SIGN_HEADINGS = frozenset(
    {"add", "less", "deduct", "plus", "minus", "reconciling items", "adjustments", "less:", "add:"}
)
# "Add (deduct):", "Add/(less):", "Less (add):", "Plus (minus):": both signs at once
_BOTH_SIGNS = re.compile(r"^(?:add|less|plus|deduct)\s*/?\s*\(?\s*(?:deduct|less|add|minus|subtract)\s*\)?$")


def is_sign_heading(text: str) -> bool:
    """'Add:', 'Less:', 'Add (deduct):': a heading that marks the sign of the rows under
    it, not a group."""
    key = text.strip().lower().rstrip(": ")
    return key in _SIGN_HEADINGS or bool(_BOTH_SIGNS.match(key))
