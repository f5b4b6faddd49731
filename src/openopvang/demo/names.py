"""Name lists for demo and synthetic persons: common Ukrainian given and family
names in Cyrillic (the Latin form is derived by transliteration), names of
third-country nationals in Latin only, and Dutch names for hosts and staff."""

from openopvang.registry.models import Sex

UKRAINIAN_GIVEN_NAMES = {
    Sex.FEMALE: [
        "Олена", "Ірина", "Наталія", "Тетяна", "Оксана", "Юлія", "Світлана", "Марія",
        "Анна", "Людмила", "Вікторія", "Катерина", "Галина", "Ольга", "Софія", "Дарина",
        "Соломія", "Анастасія", "Євгенія", "Злата", "Мілана", "Вероніка", "Аліна",
        "Христина", "Ярослава", "Любов", "Надія", "Зоряна", "Валентина", "Єва",
    ],
    Sex.MALE: [
        "Олександр", "Андрій", "Сергій", "Микола", "Володимир", "Дмитро", "Юрій",
        "Олексій", "Євген", "Іван", "Максим", "Богдан", "Тарас", "Артем", "Ярослав",
        "Віталій", "Григорій", "Захар", "Матвій", "Кирило", "Назар", "Данило", "Тимофій",
        "Ігор", "Петро", "Василь", "Остап", "Ілля", "Юліан", "Святослав",
    ],
}

# (male form, female form)
UKRAINIAN_FAMILY_NAMES = [
    ("Шевченко", "Шевченко"), ("Коваленко", "Коваленко"), ("Бондаренко", "Бондаренко"),
    ("Ткаченко", "Ткаченко"), ("Кравченко", "Кравченко"), ("Олійник", "Олійник"),
    ("Мельник", "Мельник"), ("Ковальчук", "Ковальчук"), ("Поліщук", "Поліщук"),
    ("Щербак", "Щербак"), ("Бойко", "Бойко"), ("Лисенко", "Лисенко"), ("Савчук", "Савчук"),
    ("Гнатюк", "Гнатюк"), ("Яковенко", "Яковенко"), ("Юрченко", "Юрченко"),
    ("Зінченко", "Зінченко"), ("Кузьменко", "Кузьменко"), ("Вишневський", "Вишневська"),
    ("Ковальський", "Ковальська"), ("Заєць", "Заєць"), ("Руденко", "Руденко"),
    ("Марченко", "Марченко"), ("Ярошенко", "Ярошенко"), ("Згурський", "Згурська"),
    ("Мар'яненко", "Мар'яненко"), ("Гончаренко", "Гончаренко"), ("Левченко", "Левченко"),
    ("Павлюк", "Павлюк"), ("Дорошенко", "Дорошенко"), ("Хмельницький", "Хмельницька"),
    ("Литвиненко", "Литвиненко"), ("Ющенко", "Ющенко"), ("Приходько", "Приходько"),
    ("Федоренко", "Федоренко"), ("Тимошенко", "Тимошенко"), ("Січкар", "Січкар"),
    ("Гаврилюк", "Гаврилюк"), ("Остапчук", "Остапчук"), ("Їжакевич", "Їжакевич"),
    ("Петренко", "Петренко"), ("Кравчук", "Кравчук"), ("Мороз", "Мороз"),
    ("Собко", "Собко"), ("Костенко", "Костенко"), ("Василенко", "Василенко"),
    ("Семенюк", "Семенюк"), ("Карпенко", "Карпенко"), ("Гребенюк", "Гребенюк"),
    ("Оліфіренко", "Оліфіренко"), ("Панченко", "Панченко"), ("Білик", "Білик"),
    ("Пономаренко", "Пономаренко"), ("Дячук", "Дячук"), ("Головко", "Головко"),
    ("Степаненко", "Степаненко"), ("Чорновол", "Чорновол"), ("Кушнір", "Кушнір"),
    ("Вовк", "Вовк"), ("Сидоренко", "Сидоренко"), ("Соловйов", "Соловйова"),
    ("Нестеренко", "Нестеренко"), ("Тарасенко", "Тарасенко"), ("Клименко", "Клименко"),
    ("Пилипенко", "Пилипенко"), ("Романюк", "Романюк"), ("Захарченко", "Захарченко"),
    ("Жук", "Жук"), ("Данилюк", "Данилюк"), ("Грищенко", "Грищенко"),
    ("Білоус", "Білоус"), ("Луценко", "Луценко"), ("Фролов", "Фролова"),
    ("Дмитренко", "Дмитренко"), ("Яценко", "Яценко"), ("Ємельяненко", "Ємельяненко"),
    ("Кучер", "Кучер"), ("Швець", "Швець"),
]

# (nationality, [(given names, family name, sex)], languages): households of
# third-country nationals who held a temporary Ukrainian residence permit.
THIRD_COUNTRY_PEOPLE = [
    ("NG", [("Chinedu", "Okafor", Sex.MALE)], ["en"]),
    ("NG", [("Adaeze", "Nwosu", Sex.FEMALE)], ["en"]),
    ("NG", [("Oluwaseun", "Adeyemi", Sex.MALE), ("Temitope", "Adeyemi", Sex.FEMALE)], ["en"]),
    ("MA", [("Youssef", "El Amrani", Sex.MALE)], ["ar", "fr"]),
    ("MA", [("Fatima Zahra", "Benali", Sex.FEMALE)], ["ar", "fr", "en"]),
    ("IN", [("Arjun", "Sharma", Sex.MALE)], ["en", "hi"]),
    ("IN", [("Priya", "Nair", Sex.FEMALE)], ["en"]),
    ("AZ", [("Elvin", "Mammadov", Sex.MALE)], ["az", "ru"]),
    ("AZ", [("Aysel", "Aliyeva", Sex.FEMALE), ("Rashad", "Aliyev", Sex.MALE)], ["az", "ru"]),
    ("EG", [("Omar", "Hassan", Sex.MALE)], ["ar", "en"]),
    ("TM", [("Merdan", "Orazov", Sex.MALE)], ["ru", "tk"]),
    ("GH", [("Kwame", "Mensah", Sex.MALE)], ["en"]),
]

DUTCH_FAMILY_NAMES = [
    "de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "Mulder", "de Boer",
    "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Dijk", "Dekker", "Brouwer",
]
DUTCH_GIVEN_NAMES = ["Anna", "Pieter", "Sanne", "Joost", "Marieke", "Bram", "Els", "Henk",
                     "Fleur", "Ruud", "Ingrid", "Koen"]
DUTCH_STAFF_NAMES = [("Sanne", "Verbeek"), ("Joost", "Kramer"), ("Marieke", "Hoekstra"),
                     ("Bram", "Willems"), ("Fatma", "Yilmaz"), ("Ruud", "Koster"),
                     ("Ingrid", "Postma"), ("Koen", "Dijkstra"), ("Noor", "El Idrissi"),
                     ("Lotte", "Schouten")]
LOCATION_NAME_PREFIX = {
    "building": "Opvanglocatie", "hotel": "Hotel", "ship": "Opvangschip",
    "flexwoningen": "Flexwoningen", "other": "Locatie",
}
DUTCH_STREETS = ["Kerkstraat", "Dorpsstraat", "Molenweg", "Schoolstraat", "Lindelaan",
                 "Stationsweg", "Beukenlaan", "Wilhelminastraat", "Julianalaan", "Nieuweweg"]
