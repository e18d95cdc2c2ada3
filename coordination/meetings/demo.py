"""Demo data of the meetings part, on top of the core's demo (portal/demo.py, which has MSRT, the Ministry of
Science, Research and Technology of Iran).

Sourced facts (seed 003, MSRT's public relations office): the first meeting of MSRT's IT executive council, the
report of what MSRT had done for e-government, and the council's resolutions — the data exchange gateway as the one
place of exchange and the reference for data requests; every university and higher-education and research institute
connected to it by the end of the Iranian year 1396 (20 March 2018); the data links of the administrative,
financial, educational, cultural and international domains kept up; the links between the members of the cluster-14
(education and research) working group of the e-government roadmap developed. Persian is the original; the other
languages are the demo's translations. The seed gives no date for the meeting: the demo sets 15 November 2017 and
marks the date approximate. Whether resolution 2 was carried out by its due date the seed does not say: it stays
in progress, and is flagged overdue.
"""

import datetime as dt

from django.db import transaction
from django.utils import translation

from coordination.meetings.models import Body, BodyKind, Meeting, Resolution, ResolutionState
from portal.demo import upsert
from portal.models import Agency

TEHRAN = "Asia/Tehran"
SOURCE = "https://www.msrt.ir/"


def six(field: str, fa: str, tr: str, en: str, ru: str, ky: str, az: str) -> dict:
    """A text in the six languages; the bare field is the Turkish one (the default language)."""
    return {
        field: tr,
        f"{field}_fa": fa,
        f"{field}_tr": tr,
        f"{field}_en": en,
        f"{field}_ru": ru,
        f"{field}_ky": ky,
        f"{field}_az": az,
    }


COUNCIL_NAME = six(
    "name",
    "شورای اجرایی فناوری اطلاعات وزارت علوم",
    "Bilim Bakanlığı Bilgi Teknolojileri Yürütme Kurulu (MSRT)",
    "MSRT IT executive council",
    "Исполнительный совет по информационным технологиям Министерства науки (MSRT)",
    "Илим министрлигинин маалыматтык технологиялар боюнча аткаруучу кеңеши (MSRT)",
    "Elm Nazirliyinin İnformasiya Texnologiyaları üzrə İcra Şurası (MSRT)",
)
COUNCIL_DESCRIPTION = six(
    "description",
    "شورای اجرایی فناوری اطلاعات وزارت علوم، تحقیقات و فناوری ایران که توسعه دولت الکترونیک را در وزارت و "
    "دانشگاه ها و موسسات آموزش عالی و پژوهشی هماهنگ می کند.",
    "İran Bilim, Araştırma ve Teknoloji Bakanlığının bakanlıkta, üniversitelerde ve yükseköğretim ve araştırma "
    "kurumlarında e-devletin geliştirilmesini koordine eden bilgi teknolojileri yürütme kurulu.",
    "The IT executive council of Iran's Ministry of Science, Research and Technology, which coordinates the "
    "development of e-government in the ministry and in the universities and higher-education and research "
    "institutes.",
    "Исполнительный совет по ИТ Министерства науки, исследований и технологий Ирана, который координирует развитие "
    "электронного правительства в министерстве, университетах, вузах и научно-исследовательских институтах.",
    "Ирандын Илим, изилдөө жана технологиялар министрлигинин министрликте, университеттерде, жогорку окуу жана "
    "илим-изилдөө мекемелеринде электрондук өкмөттү өнүктүрүүнү координациялаган МТ боюнча аткаруучу кеңеши.",
    "İranın Elm, Tədqiqat və Texnologiya Nazirliyinin nazirlikdə, universitetlərdə, ali təhsil və elmi-tədqiqat "
    "müəssisələrində elektron hökumətin inkişafını əlaqələndirən İT üzrə icra şurası.",
)
CLUSTER_NAME = six(
    "name",
    "کارگروه خوشه ۱۴ آموزش و پژوهش",
    "Küme 14 (eğitim ve araştırma) çalışma grubu",
    "Cluster 14 (education and research) working group",
    "Рабочая группа кластера 14 (образование и исследования)",
    "14-кластердин (билим берүү жана изилдөө) жумушчу тобу",
    "Klaster 14 (təhsil və tədqiqat) işçi qrupu",
)
CLUSTER_DESCRIPTION = six(
    "description",
    "یکی از کارگروه های ۱۴ گانه خوشه خدمات الکترونیکی در نقشه راه توسعه دولت الکترونیک ایران، برای دستگاه های "
    "حوزه آموزش و پژوهش.",
    "İran e-devlet geliştirme yol haritasındaki elektronik hizmetler kümesinin 14 çalışma grubundan biri; eğitim ve "
    "araştırma alanındaki kurumlar için.",
    "One of the 14 working groups of the electronic services cluster in Iran's e-government development roadmap, "
    "for the agencies of education and research.",
    "Одна из 14 рабочих групп кластера электронных услуг в дорожной карте развития электронного правительства "
    "Ирана — для ведомств сферы образования и исследований.",
    "Ирандын электрондук өкмөттү өнүктүрүү жол картасындагы электрондук кызматтар кластеринин 14 жумушчу тобунун "
    "бири — билим берүү жана изилдөө тармагынын мекемелери үчүн.",
    "İranın elektron hökumətin inkişafı yol xəritəsində elektron xidmətlər klasterinin 14 işçi qrupundan biri — "
    "təhsil və tədqiqat sahəsinin qurumları üçün.",
)
MEETING_TITLE = six(
    "title",
    "نخستین جلسه شورای اجرایی فناوری اطلاعات وزارت علوم",
    "Bilim Bakanlığı Bilgi Teknolojileri Yürütme Kurulunun ilk toplantısı",
    "First meeting of the MSRT IT executive council",
    "Первое заседание исполнительного совета по ИТ Министерства науки",
    "Илим министрлигинин МТ боюнча аткаруучу кеңешинин биринчи отуруму",
    "Elm Nazirliyinin İT üzrə İcra Şurasının ilk iclası",
)
MEETING_PLACE = six(
    "place",
    "وزارت علوم، تحقیقات و فناوری، تهران",
    "Bilim, Araştırma ve Teknoloji Bakanlığı, Tahran",
    "Ministry of Science, Research and Technology, Tehran",
    "Министерство науки, исследований и технологий, Тегеран",
    "Илим, изилдөө жана технологиялар министрлиги, Тегеран",
    "Elm, Tədqiqat və Texnologiya Nazirliyi, Tehran",
)
MEETING_AGENDA = six(
    "agenda",
    "گزارش اقدامات انجام شده در راستای توسعه دولت الکترونیک در وزارت علوم\nدرگاه تبادل اطلاعات وزارت علوم\n"
    "کارگروه خوشه ۱۴",
    "Bilim Bakanlığında e-devletin geliştirilmesi için yapılanların raporu\nBakanlığın veri paylaşım geçidi\n"
    "Küme 14 çalışma grubu",
    "Report on what was done to develop e-government in the ministry\nThe ministry's data exchange gateway\n"
    "The cluster-14 working group",
    "Отчёт о сделанном для развития электронного правительства в министерстве\nШлюз обмена данными министерства\n"
    "Рабочая группа кластера 14",
    "Министрликте электрондук өкмөттү өнүктүрүү боюнча аткарылган иштер тууралуу отчёт\nМинистрликтин маалымат "
    "алмашуу шлюзу\n14-кластердин жумушчу тобу",
    "Nazirlikdə elektron hökumətin inkişafı üçün görülən işlər barədə hesabat\nNazirliyin məlumat mübadiləsi "
    "şlüzü\nKlaster 14 işçi qrupu",
)
MEETING_MINUTES = six(
    "minutes",
    "به گزارش اداره کل روابط عمومی وزارت علوم، در این جلسه، گزارشی از اقدامات انجام شده در راستای توسعه دولت "
    "الکترونیک در وزارت علوم ارائه شد، شامل:\n\n"
    "- تدوین برنامه عملیاتی سالانه برای اجرای پروژه های حوزه فناوری اطلاعات وزارت علوم؛\n"
    "- اقدام در جهت اجرای برنامه حکمرانی داده؛\n"
    "- ایجاد درگاه تبادل اطلاعات وزارت علوم جهت ارائه اطلاعات به صورت مستقیم به مرکز تبادل اطلاعات ملی؛\n"
    "- توسعه سامانه های تخصصی در حوزه های مختلف با رویکرد ایجاد پایگاه داده های تخصصی؛\n"
    "- تدوین شناسنامه خدمات وزارت علوم؛\n"
    "- جمع آوری اطلاعات مربوط به مجوزهای ماده ۶۲ برنامه پنجم در وزارت علوم؛\n"
    "- تشکیل کارگروه خوشه ۱۴ توسعه دولت الکترونیک.\n\n"
    "از دیگر مصوبات این نشست: موافقت با اجرای طرح بازطراحی ساختار وزارت علوم به منظور ایجاد یکپارچگی در مدیریت و "
    "توسعه دولت الکترونیک و چابک سازی ساختار، ایجاد بانک های اطلاعاتی موردنیاز در ارائه خدمات وزارت علوم و تکمیل و "
    "توسعه سامانه های تخصصی حوزه های مختلف وزارت علوم.\n\n"
    "*تاریخ جلسه در منبع نیامده است؛ تاریخ ثبت شده تقریبی است.*",
    "Bakanlığın halkla ilişkiler genel müdürlüğüne göre bu toplantıda, Bilim Bakanlığında e-devletin geliştirilmesi "
    "için yapılanlar raporlandı:\n\n"
    "- bakanlığın bilgi teknolojileri projeleri için yıllık eylem planının hazırlanması;\n"
    "- veri yönetişimi programının uygulanmasına yönelik adımlar;\n"
    "- bilgileri doğrudan ulusal veri paylaşım merkezine sunmak için bakanlığın veri paylaşım geçidinin kurulması;\n"
    "- uzman veri tabanları oluşturma yaklaşımıyla farklı alanlarda uzman sistemlerin geliştirilmesi;\n"
    "- bakanlığın hizmet envanterinin hazırlanması;\n"
    "- beşinci kalkınma planının 62. maddesi kapsamındaki izinlere ilişkin bilgilerin toplanması;\n"
    "- e-devlet geliştirme küme 14 çalışma grubunun kurulması.\n\n"
    "Toplantının diğer kararları: e-devletin yönetimi ve geliştirilmesinde bütünlük ve daha çevik bir yapı için "
    "bakanlık yapısının yeniden tasarımı planının onaylanması, bakanlık hizmetleri için gereken veri bankalarının "
    "kurulması ve bakanlığın farklı alanlarındaki uzman sistemlerin tamamlanıp geliştirilmesi.\n\n"
    "*Toplantının tarihi kaynakta yok; kaydedilen tarih yaklaşıktır.*",
    "According to the ministry's public relations office, the meeting heard a report on what had been done to "
    "develop e-government in the Ministry of Science:\n\n"
    "- an annual action plan for the ministry's IT projects;\n"
    "- steps to carry out the data governance programme;\n"
    "- the ministry's data exchange gateway, which supplies data directly to the national data exchange centre;\n"
    "- specialised systems in several domains, built on specialised databases;\n"
    "- the inventory of the ministry's services;\n"
    "- the collection of data on the permits of article 62 of the fifth development plan;\n"
    "- the creation of the cluster-14 working group on e-government development.\n\n"
    "Other decisions of the meeting: approval of the plan to redesign the ministry's structure for integrated "
    "management and development of e-government and a leaner structure, the databases the ministry's services "
    "need, and the completion and development of the specialised systems of the ministry's domains.\n\n"
    "*The source gives no date for the meeting; the date recorded is approximate.*",
    "По сообщению управления по связям с общественностью министерства, на заседании был заслушан отчёт о сделанном "
    "для развития электронного правительства в Министерстве науки:\n\n"
    "- годовой план действий по ИТ-проектам министерства;\n"
    "- шаги по реализации программы управления данными;\n"
    "- шлюз обмена данными министерства, передающий данные напрямую в национальный центр обмена данными;\n"
    "- специализированные системы в разных областях на основе специализированных баз данных;\n"
    "- реестр услуг министерства;\n"
    "- сбор данных о разрешениях по статье 62 пятого плана развития;\n"
    "- создание рабочей группы кластера 14 по развитию электронного правительства.\n\n"
    "Другие решения заседания: одобрение плана перестройки структуры министерства для единого управления и развития "
    "электронного правительства и более гибкой структуры, базы данных, нужные для услуг министерства, завершение и "
    "развитие специализированных систем министерства.\n\n"
    "*Источник не указывает дату заседания; записанная дата приблизительна.*",
    "Министрликтин коомчулук менен байланыш башкармалыгынын маалыматы боюнча, отурумда Илим министрлигинде "
    "электрондук өкмөттү өнүктүрүү үчүн аткарылган иштер тууралуу отчёт угулду:\n\n"
    "- министрликтин МТ долбоорлору боюнча жылдык иш-аракеттер планы;\n"
    "- маалыматтарды башкаруу программасын ишке ашыруу кадамдары;\n"
    "- маалыматтарды түздөн-түз улуттук маалымат алмашуу борборуна берген министрликтин маалымат алмашуу шлюзу;\n"
    "- адистештирилген маалымат базаларына негизделген ар кайсы тармактардагы адистештирилген системалар;\n"
    "- министрликтин кызматтарынын реестри;\n"
    "- бешинчи өнүктүрүү планынын 62-беренесиндеги уруксаттар боюнча маалыматтарды чогултуу;\n"
    "- электрондук өкмөттү өнүктүрүү боюнча 14-кластердин жумушчу тобун түзүү.\n\n"
    "Отурумдун башка чечимдери: электрондук өкмөттү бирдиктүү башкаруу жана өнүктүрүү үчүн министрликтин түзүмүн "
    "кайра долбоорлоо планын жактыруу, министрликтин кызматтарына керектүү маалымат базалары жана министрликтин "
    "адистештирилген системаларын аяктоо жана өнүктүрүү.\n\n"
    "*Булак отурумдун күнүн көрсөтпөйт; жазылган күн болжолдуу.*",
    "Nazirliyin ictimaiyyətlə əlaqələr idarəsinin məlumatına görə, iclasda Elm Nazirliyində elektron hökumətin "
    "inkişafı üçün görülən işlər barədə hesabat dinlənildi:\n\n"
    "- nazirliyin İT layihələri üzrə illik fəaliyyət planı;\n"
    "- məlumatların idarə edilməsi proqramının həyata keçirilməsi üçün addımlar;\n"
    "- məlumatları birbaşa milli məlumat mübadiləsi mərkəzinə ötürən nazirliyin məlumat mübadiləsi şlüzü;\n"
    "- ixtisaslaşmış məlumat bazalarına əsaslanan müxtəlif sahələrdə ixtisaslaşmış sistemlər;\n"
    "- nazirliyin xidmətlər reyestri;\n"
    "- beşinci inkişaf planının 62-ci maddəsi üzrə icazələrə dair məlumatların toplanması;\n"
    "- elektron hökumətin inkişafı üzrə klaster 14 işçi qrupunun yaradılması.\n\n"
    "İclasın digər qərarları: elektron hökumətin vahid idarə edilməsi və inkişafı üçün nazirliyin strukturunun "
    "yenidən qurulması planının təsdiqi, nazirliyin xidmətləri üçün lazım olan məlumat bankları və nazirliyin "
    "ixtisaslaşmış sistemlərinin tamamlanması və inkişafı.\n\n"
    "*Mənbə iclasın tarixini göstərmir; qeyd edilən tarix təxminidir.*",
)

# (number, text in six languages, due date or None, state, note on the state)
RESOLUTIONS = [
    (
        "1",
        six(
            "text",
            "درگاه تبادل اطلاعات محل تبادل و تجمیع داده ها در وزارت علوم و دانشگاه ها و موسسات آموزش عالی و پژوهشی "
            "است و مرجع پاسخگویی به هرگونه درخواست اطلاعات حوزه های ستادی می باشد؛ حوزه های ستادی پیش از تماس با "
            "دانشگاه ها با این درگاه ارتباط برقرار می کنند و در صورت نبود اطلاعات در درگاه، از طریق متصدیان درگاه از "
            "دانشگاه ها و مبادی ذیربط درخواست می شود.",
            "Veri paylaşım geçidi, bakanlıkta, üniversitelerde ve yükseköğretim ve araştırma kurumlarında verilerin "
            "paylaşıldığı ve toplandığı tek yerdir ve merkez birimlerinin her türlü bilgi talebinin başvuru "
            "noktasıdır: merkez birimleri üniversitelere başvurmadan önce geçide başvurur; bilgi geçitte yoksa "
            "geçidin sorumluları aracılığıyla üniversitelerden ve ilgili kaynaklardan istenir.",
            "The data exchange gateway is the single place where data is exchanged and gathered in the ministry and "
            "the universities and higher-education and research institutes, and the reference for every data "
            "request of the headquarters units: they turn to the gateway before contacting the universities, and "
            "data missing there is requested from the universities and sources concerned through the gateway's "
            "operators.",
            "Шлюз обмена данными — единственное место обмена и сбора данных министерства, университетов, вузов и "
            "научных институтов и точка обращения для любых запросов данных центральных подразделений: они "
            "обращаются к шлюзу прежде, чем к университетам, а отсутствующие в нём данные запрашиваются у "
            "университетов и соответствующих источников через операторов шлюза.",
            "Маалымат алмашуу шлюзу — министрликте, университеттерде, жогорку окуу жана илим-изилдөө мекемелеринде "
            "маалыматтар алмашылган жана топтолгон жалгыз жер жана борбордук бөлүмдөрдүн ар кандай маалымат "
            "суроо-талабына жооп берүүчү булак: алар университеттерге кайрылуудан мурда шлюзга кайрылышат, шлюзда "
            "жок маалымат шлюздун операторлору аркылуу университеттерден жана тиешелүү булактардан суралат.",
            "Məlumat mübadiləsi şlüzü nazirlikdə, universitetlərdə, ali təhsil və elmi-tədqiqat müəssisələrində "
            "məlumatların mübadilə edildiyi və toplandığı yeganə yerdir və mərkəzi bölmələrin hər cür məlumat "
            "sorğusu üçün istinad nöqtəsidir: onlar universitetlərə müraciət etməzdən əvvəl şlüzə müraciət edir, "
            "şlüzdə olmayan məlumat şlüzün operatorları vasitəsilə universitetlərdən və aidiyyəti mənbələrdən "
            "istənilir.",
        ),
        None,
        ResolutionState.OPEN,
    ),
    (
        "2",
        six(
            "text",
            "همه دانشگاه ها و موسسات آموزش عالی و پژوهشی جهت ارائه اطلاعات (دانشجویی، هیات علمی، پژوهشی، مجوز "
            "رشته ها...) تا پایان سال ۱۳۹۶ مطابق تکلیف تعیین شده در نقشه راه توسعه دولت الکترونیک به درگاه تبادل "
            "اطلاعات وزارت علوم متصل شوند.",
            "Tüm üniversiteler ve yükseköğretim ve araştırma kurumları, bilgilerini (öğrenci, öğretim üyesi, araştırma, "
            "program izinleri…) sunmak üzere e-devlet geliştirme yol haritasında belirlenen görev uyarınca 1396 yılı "
            "sonuna (20 Mart 2018) kadar bakanlığın veri paylaşım geçidine bağlanır.",
            "Every university and higher-education and research institute connects to the ministry's data exchange "
            "gateway to supply its data (students, faculty, research, programme permits…) by the end of the year "
            "1396 (20 March 2018), as the e-government development roadmap requires.",
            "Все университеты, вузы и научные институты подключаются к шлюзу обмена данными министерства для передачи "
            "своих данных (студенты, преподаватели, исследования, разрешения на программы…) до конца 1396 года "
            "(20 марта 2018 г.), как требует дорожная карта развития электронного правительства.",
            "Бардык университеттер, жогорку окуу жана илим-изилдөө мекемелери өз маалыматтарын (студенттер, "
            "окутуучулар, изилдөөлөр, программаларга уруксаттар…) берүү үчүн электрондук өкмөттү өнүктүрүү жол "
            "картасынын талабына ылайык 1396-жылдын аягына чейин (2018-жылдын 20-марты) министрликтин маалымат "
            "алмашуу шлюзуна кошулат.",
            "Bütün universitetlər, ali təhsil və elmi-tədqiqat müəssisələri məlumatlarını (tələbələr, professor-müəllim "
            "heyəti, tədqiqat, ixtisas icazələri…) təqdim etmək üçün elektron hökumətin inkişafı yol xəritəsinin tələbinə "
            "uyğun olaraq 1396-cı ilin sonunadək (20 mart 2018) nazirliyin məlumat mübadiləsi şlüzünə qoşulur.",
        ),
        dt.date(2018, 3, 20),
        ResolutionState.IN_PROGRESS,
    ),
    (
        "3",
        six(
            "text",
            "ارتباط داده های حوزه های مختلف اداری مالی، آموزشی، فرهنگی، بین الملل و... وزارت علوم و دانشگاه ها و "
            "موسسات آموزش عالی و پژوهشی در درگاه تبادل اطلاعات وزارت علوم ادامه دارد.",
            "Bakanlığın ve üniversitelerin ve yükseköğretim ve araştırma kurumlarının idari-mali, eğitim, kültür, "
            "uluslararası ve diğer alanlarındaki veri bağlantıları bakanlığın veri paylaşım geçidinde sürdürülür.",
            "The data links of the administrative and financial, educational, cultural, international and other "
            "domains of the ministry and the universities and higher-education and research institutes continue "
            "through the ministry's data exchange gateway.",
            "Связи данных административно-финансовой, образовательной, культурной, международной и других сфер "
            "министерства, университетов, вузов и научных институтов продолжаются через шлюз обмена данными "
            "министерства.",
            "Министрликтин, университеттердин, жогорку окуу жана илим-изилдөө мекемелеринин административдик-каржы, "
            "билим берүү, маданият, эл аралык жана башка тармактарынын маалымат байланыштары министрликтин маалымат "
            "алмашуу шлюзу аркылуу уланат.",
            "Nazirliyin, universitetlərin, ali təhsil və elmi-tədqiqat müəssisələrinin inzibati-maliyyə, təhsil, "
            "mədəniyyət, beynəlxalq və digər sahələrinin məlumat əlaqələri nazirliyin məlumat mübadiləsi şlüzündə "
            "davam etdirilir.",
        ),
        None,
        ResolutionState.IN_PROGRESS,
    ),
    (
        "4",
        six(
            "text",
            "ارتباط بین دستگاه های عضو در کارگروه خوشه ۱۴ آموزش و پژوهش از مجموعه کارگروه های ۱۴ گانه خوشه خدمات "
            "الکترونیکی در نقشه راه توسعه دولت الکترونیک توسعه یابد.",
            "E-devlet geliştirme yol haritasındaki elektronik hizmetler kümesinin 14 çalışma grubundan biri olan "
            "küme 14 (eğitim ve araştırma) çalışma grubunun üye kurumları arasındaki bağlantılar geliştirilir.",
            "The links between the member bodies of the cluster-14 (education and research) working group, one of "
            "the 14 working groups of the electronic services cluster in the e-government development roadmap, are "
            "developed.",
            "Развиваются связи между ведомствами — членами рабочей группы кластера 14 (образование и исследования), "
            "одной из 14 рабочих групп кластера электронных услуг в дорожной карте развития электронного "
            "правительства.",
            "Электрондук өкмөттү өнүктүрүү жол картасындагы электрондук кызматтар кластеринин 14 жумушчу тобунун бири "
            "болгон 14-кластердин (билим берүү жана изилдөө) жумушчу тобуна мүчө мекемелердин ортосундагы "
            "байланыштар өнүктүрүлөт.",
            "Elektron hökumətin inkişafı yol xəritəsində elektron xidmətlər klasterinin 14 işçi qrupundan biri olan "
            "klaster 14 (təhsil və tədqiqat) işçi qrupunun üzvü olan qurumlar arasında əlaqələr inkişaf etdirilir.",
        ),
        None,
        ResolutionState.OPEN,
    ),
]

OVERDUE_NOTE = six(
    "state_note",
    "منبع نمی گوید که همه دانشگاه ها تا پایان ۱۳۹۶ متصل شده اند.",
    "Kaynak, tüm üniversitelerin 1396 sonuna kadar bağlanıp bağlanmadığını söylemiyor.",
    "The source does not say whether every university was connected by the end of 1396.",
    "Источник не сообщает, были ли все университеты подключены к концу 1396 года.",
    "Булак бардык университеттер 1396-жылдын аягына чейин кошулганын айтпайт.",
    "Mənbə bütün universitetlərin 1396-cı ilin sonunadək qoşulub-qoşulmadığını demir.",
)


@transaction.atomic
def load() -> dict:
    """Create or update seed 003's council, cluster 14, the council's first meeting and its resolutions; running
    it again changes nothing."""
    msrt = Agency.objects.filter(slug="msrt").first()
    if msrt is None:  # the core's demo has it; a bare database gets it here
        msrt = upsert(
            Agency,
            {"slug": "msrt"},
            {
                "name": "İran Bilim, Araştırma ve Teknoloji Bakanlığı",
                "name_tr": "İran Bilim, Araştırma ve Teknoloji Bakanlığı",
                "name_en": "Ministry of Science, Research and Technology of Iran",
                "name_fa": "وزارت علوم، تحقیقات و فناوری",
                "kind": "ministry",
                "country": "IR",
                "acronym": "MSRT",
                "website": "https://www.msrt.ir",
            },
        )
    with translation.override("tr"):  # the bare translated fields are the Turkish ones
        council = upsert(
            Body,
            {"slug": "msrt-it-council"},
            {**COUNCIL_NAME, **COUNCIL_DESCRIPTION, "acronym": "", "kind": BodyKind.COUNCIL, "convener": msrt},
        )
        council.members.add(msrt)
        cluster = upsert(
            Body,
            {"slug": "cluster-14-education-research"},
            {**CLUSTER_NAME, **CLUSTER_DESCRIPTION, "kind": BodyKind.CLUSTER, "convener": msrt},
        )
        cluster.members.add(msrt)
        meeting = upsert(
            Meeting,
            {"body": council, "number": 1},
            {
                **MEETING_TITLE,
                **MEETING_PLACE,
                **MEETING_AGENDA,
                **MEETING_MINUTES,
                "held_on": dt.date(2017, 11, 15),
                "tz": TEHRAN,
                "date_is_approximate": True,
                "source_url": SOURCE,
            },
        )
        meeting.attendees.add(msrt)
        for number, text, due_on, state in RESOLUTIONS:
            note = OVERDUE_NOTE if due_on else six("state_note", "", "", "", "", "", "")
            resolution = upsert(
                Resolution,
                {"meeting": meeting, "number": number},
                {**text, **note, "due_on": due_on, "tz": TEHRAN, "state": state},
            )
            if not resolution.responsible.filter(pk=msrt.pk).exists():
                resolution.responsible.add(msrt)
    return {"coordination bodies": 2, "meetings": 1, "resolutions": len(RESOLUTIONS)}
