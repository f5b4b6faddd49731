"""Ukrainian Cyrillic → Latin by the official national system (Resolution of
the Cabinet of Ministers of Ukraine No. 55 of 27 January 2010), the one used in
Ukrainian passports. Є, Ї, Й, Ю, Я are written Ye, Yi, Y, Yu, Ya at the start
of a word and ie, i, i, iu, ia elsewhere; "зг" becomes "zgh" so it is not read
as "жг"; the soft sign and the apostrophe are dropped."""

LETTERS = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "h",
    "ґ": "g",
    "д": "d",
    "е": "e",
    "є": "ie",
    "ж": "zh",
    "з": "z",
    "и": "y",
    "і": "i",
    "ї": "i",
    "й": "i",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "kh",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ь": "",
    "ю": "iu",
    "я": "ia",
}
AT_WORD_START = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}
APOSTROPHES = {"'", "’", "ʼ", "`"}


def _is_word_letter(char: str) -> bool:
    return char.lower() in LETTERS or char in APOSTROPHES


def transliterate(text: str) -> str:
    result = []
    for index, char in enumerate(text):
        lower = char.lower()
        if char in APOSTROPHES:
            continue
        if lower not in LETTERS:
            result.append(char)
            continue
        previous = text[index - 1] if index else ""
        following = text[index + 1] if index + 1 < len(text) else ""
        word_start = not _is_word_letter(previous)
        latin = AT_WORD_START.get(lower, LETTERS[lower]) if word_start else LETTERS[lower]
        if lower == "г" and previous.lower() == "з":
            latin = "gh"
        if char.isupper() and latin:
            # A whole word in capitals stays in capitals (ШЕВЧЕНКО → SHEVCHENKO).
            in_capitals = following.isupper() or (previous.isupper() and not following.islower())
            latin = latin.upper() if in_capitals else latin[0].upper() + latin[1:]
        result.append(latin)
    return "".join(result)
