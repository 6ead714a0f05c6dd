"""Abbreviations news writers use for places (facts: AP style for US states, common country
initialisms). They are indexed as their own kind of name: the matcher takes them only
when written as abbreviations (with a full stop, or in capitals)."""

from __future__ import annotations

# AP stylebook abbreviations of US state names, keyed by the state's GeoNames admin1 code.
US_STATES_AP = {
    "AL": ["Ala."], "AZ": ["Ariz."], "AR": ["Ark."], "CA": ["Calif.", "Cal."],
    "CO": ["Colo."], "CT": ["Conn."], "DE": ["Del."], "DC": ["D.C."], "FL": ["Fla."],
    "GA": ["Ga."], "IL": ["Ill."], "IN": ["Ind."], "KS": ["Kan.", "Kans."], "KY": ["Ky."],
    "LA": ["La."], "MD": ["Md."], "MA": ["Mass."], "MI": ["Mich."], "MN": ["Minn."],
    "MS": ["Miss."], "MO": ["Mo."], "MT": ["Mont."], "NE": ["Neb.", "Nebr."], "NV": ["Nev."],
    "NH": ["N.H."], "NJ": ["N.J."], "NM": ["N.M."], "NY": ["N.Y."], "NC": ["N.C."],
    "ND": ["N.D."], "OK": ["Okla."], "OR": ["Ore.", "Oreg."], "PA": ["Pa.", "Penn."],
    "RI": ["R.I."], "SC": ["S.C."], "SD": ["S.D."], "TN": ["Tenn."], "TX": ["Tex."],
    "VT": ["Vt."], "VA": ["Va."], "WA": ["Wash."], "WV": ["W.Va.", "W. Va."],
    "WI": ["Wis.", "Wisc."], "WY": ["Wyo."],
}
# Initialisms of countries in English news, keyed by ISO2.
COUNTRY_INITIALISMS = {"US": ["US", "U.S.", "USA", "U.S.A."], "GB": ["UK", "U.K."],
                       "AE": ["UAE", "U.A.E."], "CD": ["DRC"], "CF": ["CAR"]}
# Abbreviations of Canadian provinces in news style.
CA_PROVINCES = {"02": ["BC", "B.C."], "01": ["Alta."], "11": ["Sask."], "03": ["Man."],
                "08": ["Ont."], "10": ["Que."], "07": ["N.S."], "04": ["N.B."],
                "09": ["P.E.I."], "05": ["Nfld."]}
# Abbreviations that are written in capitals without full stops.
WRITTEN_IN_CAPITALS = frozenset({"us", "usa", "uk", "uae", "drc", "car", "bc", "dprk"})
# English names and adjectives in common use that the shipped country data lacks (facts).
COUNTRY_NAMES = {"US": ["America", "United States of America"], "GB": ["Britain", "Great Britain"],
                 "KP": ["DPRK"], "PS": ["Palestine"], "MM": ["Burma"], "NL": ["Holland"],
                 "CI": ["Ivory Coast"], "CZ": ["Czechia"], "VA": ["Vatican"]}
DEMONYMS = {"KR": ["Korean", "South Korean"], "KP": ["North Korean"], "PH": ["Philippine"],
            "PS": ["Palestinian"], "SA": ["Saudi"], "XK": ["Kosovar"], "NP": ["Nepali"],
            "LK": ["Sri Lankan"], "KZ": ["Kazakh"], "UZ": ["Uzbek"], "TJ": ["Tajik"],
            "KG": ["Kyrgyz"], "AR": ["Argentine", "Argentinian"], "US": ["American"],
            "GB": ["British"]}
