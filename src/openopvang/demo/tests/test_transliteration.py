"""The official Ukrainian transliteration (KMU 2010), as printed in passports."""

import pytest

from openopvang.demo.transliteration import transliterate


@pytest.mark.parametrize(
    ("cyrillic", "latin"),
    [
        ("Олександр", "Oleksandr"),
        ("Юлія", "Yuliia"),
        ("Щербак", "Shcherbak"),
        ("Євген", "Yevhen"),
        ("Олексій", "Oleksii"),
        ("Андрій", "Andrii"),
        ("Соломія", "Solomiia"),
        ("Наталія", "Nataliia"),
        ("Йосипівка", "Yosypivka"),
        ("Стрий", "Stryi"),
        ("Їжакевич", "Yizhakevych"),
        ("Кадиївка", "Kadyivka"),
        ("Згурський", "Zghurskyi"),
        ("Розгон", "Rozghon"),
        ("Знам'янка", "Znamianka"),
        ("Мар’яненко", "Marianenko"),
        ("Ігор", "Ihor"),
        ("Ґалаґан", "Galagan"),
        ("Хмельницький", "Khmelnytskyi"),
        ("Заєць", "Zaiets"),
        ("Анна-Марія", "Anna-Mariia"),
        ("Ярошенко Юрій", "Yaroshenko Yurii"),
        ("ШЕВЧЕНКО", "SHEVCHENKO"),
        ("", ""),
    ],
)
def test_kmu_2010_transliteration(cyrillic, latin):
    assert transliterate(cyrillic) == latin


def test_text_that_is_not_cyrillic_is_kept():
    assert transliterate("Olena 12") == "Olena 12"
