"""Demo data of the circulars part, on top of the core's demo (portal/demo.py) and the awards demo.

Sourced facts (seed 002): BTK's circular letter to 22 ministries and presidencies relaying ITU's letter on the WSIS
Prizes 2026 — nominations until 15 March 2026 at https://www.itu.int/net4/wsis/stocktaking/Prizes/2026, the WSIS
Forum 2026 in Geneva on 6-10 July 2026, the WSIS process extended to 2035 by the UN General Assembly's WSIS+20
review on 16-17 December 2025; contact person Handan Cantekinler, Bilişim Başuzmanı, handan.cantekinler@btk.gov.tr,
0312 412 12 54; attachment "ITU Mektubu (1 Sayfa)"; the distribution list. The seed shows neither the letter's
number nor its date: the demo's are made up (the circular is marked demo), as are the agencies' answers and the
follow-up circular on the WSIS Prizes 2027. Nothing here sends mail: the letters are recorded as sent."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import translation

from coordination.circulars import deadlines
from coordination.circulars.models import (
    Circular,
    CircularAttachment,
    CircularRecipient,
    CircularState,
    CircularVisibility,
    DistributionList,
    RecipientState,
)
from events.models import Event
from portal import deadlines as registry
from portal.demo import upsert
from portal.languages import CODES
from portal.models import Agency, Contact

IST = ZoneInfo("Europe/Istanbul")

# The seed's "Dağıtım" list, in its order, as the core demo's agency slugs.
MINISTRIES_AND_PRESIDENCIES = [
    "adalet",
    "aile",
    "csgb",
    "csb",
    "disisleri",
    "enerji",
    "gsb",
    "hmb",
    "icisleri",
    "ktb",
    "meb",
    "msb",
    "saglik",
    "sanayi",
    "tarimorman",
    "ticaret",
    "uab",
    "siber-guvenlik",
    "sbb",
    "yatirim-ofisi",
    "iletisim",
    "yok",
]

LIST_NAMES = {
    "tr": "Bakanlıklar ve Başkanlıklar",
    "en": "Ministries and presidencies",
    "ru": "Министерства и управления при Президенте",
    "ky": "Министрликтер жана Президенттин алдындагы башкармалыктар",
    "fa": "وزارتخانه‌ها و ریاست‌ها",
    "az": "Nazirliklər və Prezident yanında idarələr",
}
LIST_DESCRIPTIONS = {
    "tr": "BTK'nın WSIS yazısının dağıtım listesi: 17 bakanlık ve 5 Cumhurbaşkanlığına bağlı başkanlık.",
    "en": "The distribution list of BTK's WSIS letter: 17 ministries and 5 presidencies.",
}

PRIZES_URL = "https://www.itu.int/net4/wsis/stocktaking/Prizes/2026"
STOCKTAKING_URL = "https://www.itu.int/net4/wsis/stocktaking"
ACTION_LINES_URL = "https://www.itu.int/net/wsis/stocktaking/help-action-lines.html"
PRIZES_LINK = f"[{PRIZES_URL}]({PRIZES_URL})"
STOCKTAKING_LINK = f"[{STOCKTAKING_URL}]({STOCKTAKING_URL})"

SUBJECTS = {
    "tr": "WSIS 2026 Ödülleri adaylık başvuruları",
    "en": "Nominations for the WSIS Prizes 2026",
    "ru": "Выдвижение кандидатур на премии WSIS 2026",
    "ky": "WSIS 2026 сыйлыктарына талапкерлерди көрсөтүү",
    "fa": "نامزدی برای جوایز WSIS ۲۰۲۶",
    "az": "WSIS 2026 mükafatlarına namizədlərin irəli sürülməsi",
}

BODIES = {
    "tr": f"""2003 ve 2005 yıllarında iki aşamalı olarak gerçekleştirilen Dünya Bilgi Toplumu Zirvesi (World Summit on the Information Society – WSIS) sonuçlarının uygulanması, sonuçlar doğrultusunda yapılan yerel, ulusal, bölgesel ve uluslararası çalışmaların ilgili tüm paydaşlarla paylaşılması; WSIS eylemlerinin Birleşmiş Milletler Sürdürülebilir Kalkınma Hedeflerine (SDGs) katkılarının ele alınması ve en iyi uygulama örneklerinin ve deneyimlerin tartışılması amacıyla Uluslararası Telekomünikasyon Birliği (ITU) öncülüğünde her yıl düzenlenen çok paydaşlı bir platform olan WSIS Forumları, yüksek seviyeli katılımcıların yer aldığı panellerden, WSIS eylemlerine özel toplantılardan ve tematik atölye çalışmaları ile yenilik ve proje odaklı sergilerden oluşmaktadır.

2004 yılından bu yana ITU tarafından, bilgi ve iletişim teknolojileri sektöründe [WSIS eylemleri]({ACTION_LINES_URL}) kapsamındaki faaliyetlerin ve iyi uygulama örneklerinin paylaşılması amacıyla "WSIS Stocktaking" isimli düzenli bir raporlama süreci yönetilmekte ve bu kapsamda hükümetler, uluslararası kuruluşlar, özel sektör, sivil toplum, akademi ve diğer kuruluşlar tarafından yürütülen ilgili girişimler ve projelere ait girdiler {STOCKTAKING_LINK} adresinden ulaşılabilen bir veri tabanında bir araya getirilerek yıllık WSIS Stocktaking raporlarında yayımlanmaktadır.

WSIS Forumları kapsamında ve WSIS Stocktaking sürecinin dâhili bir parçası olarak, söz konusu girişimler ve iyi uygulama örnekleri herkesin katılabildiği oylamalar sonucunda çeşitli kategorilerde değerlendirilmekte ve en iyi uygulamalara ödüller verilmektedir.

ITU tarafından iletilen ekteki mektupla, BM Genel Kurulu'nun 16-17 Aralık 2025 tarihlerinde düzenlenen WSIS+20 yüksek düzeyli gözden geçirme toplantısında WSIS sürecinin 2035'e kadar uzatılmasının kararlaştırıldığı belirtilerek tüm paydaşlar WSIS'in 2026'dan sonraki yeni uygulama dönemini şekillendirmeye davet edilmekte; **WSIS Forum 2026**'nın 6-10 Temmuz 2026 tarihleri arasında Cenevre'de gerçekleştirileceği ve **WSIS 2026 ödülleri** için adaylık başvurularının **15 Mart 2026** tarihine kadar {PRIZES_LINK} adresi üzerinden yapılabileceği bildirilmektedir. Adaylık ve değerlendirme aşamaları ile ödül sahiplerinin belirlenmesi ve ilan edilmesi sürecine ilişkin ayrıntılı bilgi aynı adrestedir.

Bu kapsamda, Bakanlığınız/Başkanlığınız görev ve faaliyet alanları dâhilinde WSIS 2026 ödüllerine aday gösterilebilecek nitelikte projeler olması hâlinde, gerekli kayıt ve başvuruların 15 Mart 2026 tarihine kadar ilgili internet adresi üzerinden yapılması ve sürecin takibi amacıyla başvurular hakkında Kurumumuza bilgi verilmesi hususunda bilgilerini ve gereğini arz ederim.

Ek: ITU Mektubu (1 Sayfa)""",
    "en": f"""The WSIS Forums, a multi-stakeholder platform led every year by the International Telecommunication Union (ITU), share how the outcomes of the World Summit on the Information Society (WSIS, held in two phases in 2003 and 2005) are implemented and the local, national, regional and international work done on them with every stakeholder, look at how WSIS action contributes to the UN Sustainable Development Goals (SDGs) and discuss best practices and experience. They bring high-level panels, meetings on the WSIS action lines, thematic workshops and innovation and project exhibitions.

Since 2004 ITU has run a regular reporting process, "WSIS Stocktaking", to share activities and good practices under the [WSIS action lines]({ACTION_LINES_URL}) in the ICT sector: the initiatives and projects of governments, international organisations, the private sector, civil society, academia and others are gathered in a database at {STOCKTAKING_LINK} and published in the yearly WSIS Stocktaking reports.

Within the WSIS Forums, and as part of WSIS Stocktaking, these initiatives and good practices are assessed in several categories through votes open to everyone, and the best receive prizes.

With the attached letter ITU says that the UN General Assembly's high-level WSIS+20 review of 16-17 December 2025 extended the WSIS process to 2035, and invites every stakeholder to shape its new implementation period after 2026. It announces that the **WSIS Forum 2026** will be held in Geneva on 6-10 July 2026 and that nominations for the **WSIS Prizes 2026** can be made until **15 March 2026** at {PRIZES_LINK}, where the nomination and assessment stages and how the winners are chosen and announced are explained.

If your ministry or presidency has projects within its remit that could be nominated for the WSIS Prizes 2026, please register and nominate them at that address by 15 March 2026, and inform our Authority of your nominations so that we can follow the process.

Attachment: ITU letter (1 page)""",
    "ru": f"""Форумы WSIS — ежегодная многосторонняя платформа под руководством Международного союза электросвязи (МСЭ), на которой всем заинтересованным сторонам рассказывают, как выполняются решения Всемирной встречи на высшем уровне по вопросам информационного общества (WSIS, прошла в два этапа в 2003 и 2005 годах), обсуждают вклад направлений WSIS в Цели устойчивого развития ООН, лучшие практики и опыт. Форум включает панели высокого уровня, встречи по направлениям деятельности WSIS, тематические семинары и выставки инноваций и проектов.

С 2004 года МСЭ ведёт регулярный процесс отчётности «WSIS Stocktaking» о деятельности и хороших практиках в рамках [направлений WSIS]({ACTION_LINES_URL}): инициативы и проекты правительств, международных организаций, частного сектора, гражданского общества и академических кругов собираются в базе данных {STOCKTAKING_LINK} и публикуются в ежегодных отчётах.

В рамках форумов WSIS эти инициативы оцениваются в нескольких категориях открытым голосованием, и лучшие получают премии.

В прилагаемом письме МСЭ сообщает, что на обзоре WSIS+20 Генеральной Ассамблеи ООН 16–17 декабря 2025 года процесс WSIS продлён до 2035 года, и приглашает всех участвовать в формировании нового периода после 2026 года. **Форум WSIS 2026** пройдёт в Женеве 6–10 июля 2026 года; кандидатуры на **премии WSIS 2026** принимаются до **15 марта 2026 года** на сайте {PRIZES_LINK}, где описаны этапы выдвижения и оценки.

Если у вашего министерства или управления есть проекты, которые можно выдвинуть на премии WSIS 2026, просим зарегистрировать их на указанном сайте до 15 марта 2026 года и сообщить о поданных заявках нашему Управлению.

Приложение: письмо МСЭ (1 страница)""",
    "ky": f"""WSIS форумдары — Эл аралык электр байланыш союзу (ЭЭБ) жыл сайын уюштурган көп тараптуу аянтча. Анда Маалыматтык коом боюнча дүйнөлүк саммиттин (WSIS, 2003 жана 2005-жылдары эки этапта өткөн) чечимдеринин аткарылышы, WSIS иш-аракеттеринин БУУнун Туруктуу өнүгүү максаттарына кошкон салымы, мыкты тажрыйбалар талкууланат. Форумда жогорку деңгээлдеги панелдер, WSIS багыттары боюнча жолугушуулар, тематикалык семинарлар жана долбоорлордун көргөзмөлөрү болот.

2004-жылдан бери ЭЭБ [WSIS багыттары]({ACTION_LINES_URL}) боюнча иштерди жана жакшы тажрыйбаларды бөлүшүү үчүн «WSIS Stocktaking» отчеттуулук процессин жүргүзөт: өкмөттөрдүн, эл аралык уюмдардын, жеке сектордун жана жарандык коомдун демилгелери {STOCKTAKING_LINK} дарегиндеги маалымат базасына чогултулат.

Бул демилгелер ар бир адам катыша алган добуш берүү аркылуу бир нече категорияда бааланып, мыктылары сыйлык алат.

Тиркелген катта ЭЭБ БУУнун Башкы Ассамблеясынын 2025-жылдын 16–17-декабрындагы WSIS+20 кароосунда WSIS процесси 2035-жылга чейин узартылганын билдирет. **WSIS Форум 2026** Женевада 2026-жылдын 6–10-июлунда өтөт; **WSIS 2026 сыйлыктарына** талапкерлер **2026-жылдын 15-мартына** чейин {PRIZES_LINK} дареги аркылуу көрсөтүлөт.

Министрлигиңизде же башкармалыгыңызда WSIS 2026 сыйлыктарына көрсөтүүгө татыктуу долбоорлор болсо, аларды 15-мартка чейин көрсөтүп, арыздар жөнүндө биздин Мекемеге маалымат берүүңүздү суранабыз.

Тиркеме: ЭЭБдин каты (1 бет)""",
    "fa": f"""مجمع‌های WSIS سکویی چندذی‌نفعی است که هر سال به رهبری اتحادیه بین‌المللی مخابرات (ITU) برگزار می‌شود تا اجرای نتایج اجلاس جهانی جامعه اطلاعاتی (WSIS، برگزارشده در دو مرحله در ۲۰۰۳ و ۲۰۰۵)، سهم اقدامات WSIS در اهداف توسعه پایدار سازمان ملل و بهترین تجربه‌ها با همه ذی‌نفعان در میان گذاشته شود. این مجمع شامل پنل‌های سطح بالا، نشست‌های خطوط اقدام WSIS، کارگاه‌های موضوعی و نمایشگاه‌های نوآوری و پروژه است.

از سال ۲۰۰۴ ITU فرایند گزارش‌دهی منظمی به نام «WSIS Stocktaking» را برای به اشتراک گذاشتن فعالیت‌ها و تجربه‌های خوب در چارچوب [خطوط اقدام WSIS]({ACTION_LINES_URL}) اداره می‌کند و طرح‌ها و پروژه‌ها در پایگاه داده {STOCKTAKING_LINK} گردآوری می‌شوند.

این طرح‌ها در چند رده با رأی‌گیری آزاد ارزیابی می‌شوند و بهترین‌ها جایزه می‌گیرند.

ITU در نامه پیوست اعلام می‌کند که بازنگری WSIS+20 مجمع عمومی سازمان ملل در ۱۶ و ۱۷ دسامبر ۲۰۲۵ فرایند WSIS را تا ۲۰۳۵ تمدید کرد. **مجمع WSIS ۲۰۲۶** از ۶ تا ۱۰ ژوئیه ۲۰۲۶ در ژنو برگزار می‌شود و نامزدی برای **جوایز WSIS ۲۰۲۶** تا **۱۵ مارس ۲۰۲۶** از طریق {PRIZES_LINK} امکان‌پذیر است.

اگر وزارتخانه یا ریاست شما پروژه‌هایی در خور نامزدی برای جوایز WSIS ۲۰۲۶ دارد، خواهشمند است تا ۱۵ مارس ۲۰۲۶ آنها را ثبت کنید و سازمان ما را از نامزدی‌ها آگاه سازید.

پیوست: نامه ITU (۱ صفحه)""",
    "az": f"""WSIS Forumları Beynəlxalq Telekommunikasiya İttifaqının (BTİ) rəhbərliyi ilə hər il keçirilən çoxtərəfli platformadır: burada İnformasiya Cəmiyyəti üzrə Ümumdünya Sammitinin (WSIS, 2003 və 2005-ci illərdə iki mərhələdə keçirilib) nəticələrinin icrası, WSIS fəaliyyətlərinin BMT-nin Davamlı İnkişaf Məqsədlərinə töhfəsi və ən yaxşı təcrübələr bütün maraqlı tərəflərlə bölüşülür. Forumda yüksək səviyyəli panellər, WSIS fəaliyyət istiqamətləri üzrə görüşlər, tematik seminarlar və layihə sərgiləri olur.

2004-cü ildən BTİ [WSIS fəaliyyət istiqamətləri]({ACTION_LINES_URL}) üzrə fəaliyyətləri və yaxşı təcrübələri bölüşmək üçün «WSIS Stocktaking» hesabat prosesini aparır: hökumətlərin, beynəlxalq təşkilatların, özəl sektorun və vətəndaş cəmiyyətinin təşəbbüsləri {STOCKTAKING_LINK} ünvanındakı məlumat bazasında toplanır.

Bu təşəbbüslər hər kəsin qatıla bildiyi səsvermə ilə bir neçə kateqoriyada qiymətləndirilir və ən yaxşıları mükafat alır.

Əlavə olunan məktubda BTİ bildirir ki, BMT Baş Assambleyasının 16–17 dekabr 2025-ci il tarixli WSIS+20 baxışında WSIS prosesi 2035-ci ilə qədər uzadılıb. **WSIS Forumu 2026** 6–10 iyul 2026-cı ildə Cenevrədə keçiriləcək; **WSIS 2026 mükafatlarına** namizədlər **15 mart 2026-cı il** tarixinədək {PRIZES_LINK} ünvanı vasitəsilə irəli sürülə bilər.

Nazirliyinizin və ya idarənizin WSIS 2026 mükafatlarına namizəd göstərilə biləcək layihələri varsa, xahiş edirik onları 15 mart 2026-cı il tarixinədək qeydiyyatdan keçirəsiniz və müraciətlər barədə Qurumumuza məlumat verəsiniz.

Əlavə: BTİ məktubu (1 səhifə)""",
}

REQUESTED_ACTIONS = {
    "tr": "WSIS 2026 ödüllerine aday gösterilebilecek projelerinizi 15 Mart 2026'ya kadar ITU'nun sitesinden "
    f"({PRIZES_URL}) aday gösteriniz ve başvurularınız hakkında BTK'ya bilgi veriniz.",
    "en": f"Nominate your projects for the WSIS Prizes 2026 by 15 March 2026 on ITU's site ({PRIZES_URL}) and "
    "inform BTK of your nominations.",
    "ru": f"Выдвиньте свои проекты на премии WSIS 2026 до 15 марта 2026 года на сайте МСЭ ({PRIZES_URL}) и "
    "сообщите BTK о поданных заявках.",
    "ky": f"Долбоорлоруңузду WSIS 2026 сыйлыктарына 2026-жылдын 15-мартына чейин ЭЭБдин сайтында ({PRIZES_URL}) "
    "көрсөтүп, BTKга маалымат бериңиз.",
    "fa": f"پروژه‌های خود را تا ۱۵ مارس ۲۰۲۶ در پایگاه ITU ({PRIZES_URL}) برای جوایز WSIS ۲۰۲۶ نامزد کنید و BTK را "
    "از نامزدی‌ها آگاه سازید.",
    "az": f"Layihələrinizi 15 mart 2026-cı il tarixinədək BTİ-nin saytında ({PRIZES_URL}) WSIS 2026 mükafatlarına "
    "namizəd göstərin və müraciətləriniz barədə BTK-ya məlumat verin.",
}

CONTACT_ROLES = {
    "tr": "Bilişim Başuzmanı",
    "en": "Chief ICT Expert",
    "ru": "Главный эксперт по ИКТ",
    "ky": "МКТ боюнча башкы эксперт",
    "fa": "کارشناس ارشد فناوری اطلاعات",
    "az": "İKT üzrə baş mütəxəssis",
}

# The follow-up (made up): BTK asks the same agencies ahead of the WSIS Prizes 2027 nominations.
SUBJECTS_2027 = {
    "tr": "WSIS 2027 Ödülleri: aday gösterilecek projelerin bildirilmesi (demo)",
    "en": "WSIS Prizes 2027: projects you plan to nominate (demo)",
    "ru": "Премии WSIS 2027: проекты, которые вы намерены выдвинуть (демо)",
    "ky": "WSIS 2027 сыйлыктары: көрсөтүлө турган долбоорлор (демо)",
    "fa": "جوایز WSIS ۲۰۲۷: پروژه‌هایی که قصد نامزدی دارید (نمایشی)",
    "az": "WSIS 2027 mükafatları: namizəd göstəriləcək layihələr (demo)",
}
BODIES_2027 = {
    "tr": "WSIS 2026 ödüllerine ilişkin yazımıza verdiğiniz cevaplar için teşekkür ederiz. WSIS 2027 ödülleri için "
    "adaylık döneminin başlaması beklenmektedir. Başvuruların zamanında ve eşgüdüm içinde yapılabilmesi için aday "
    "göstermeyi planladığınız projeleri bildirmenizi rica ederiz.\n\n*Bu yazı gösterim amaçlıdır.*",
    "en": "Thank you for your answers to our letter on the WSIS Prizes 2026. Nominations for the WSIS Prizes 2027 "
    "are expected to open soon. So that nominations are made on time and in coordination, please tell us which "
    "projects you plan to nominate.\n\n*This letter is a demonstration record.*",
    "ru": "Благодарим за ответы на наше письмо о премиях WSIS 2026. Скоро ожидается начало выдвижения на премии "
    "WSIS 2027. Просим сообщить, какие проекты вы планируете выдвинуть.\n\n*Это демонстрационная запись.*",
    "ky": "WSIS 2026 сыйлыктары боюнча катыбызга берген жоопторуңуз үчүн рахмат. WSIS 2027 сыйлыктарына "
    "талапкерлерди көрсөтүү жакында башталат. Кайсы долбоорлорду көрсөтүүнү пландап жатканыңызды билдириңиз.\n\n"
    "*Бул демонстрациялык жазуу.*",
    "fa": "از پاسخ‌های شما به نامه ما درباره جوایز WSIS ۲۰۲۶ سپاسگزاریم. نامزدی برای جوایز WSIS ۲۰۲۷ به‌زودی آغاز "
    "می‌شود. لطفاً پروژه‌هایی را که قصد نامزدی آنها را دارید به ما اطلاع دهید.\n\n*این نامه نمایشی است.*",
    "az": "WSIS 2026 mükafatları barədə məktubumuza cavablarınız üçün təşəkkür edirik. WSIS 2027 mükafatlarına "
    "namizədlərin irəli sürülməsi tezliklə başlayacaq. Namizəd göstərməyi planlaşdırdığınız layihələri bildirməyinizi "
    "xahiş edirik.\n\n*Bu məktub nümayiş məqsədlidir.*",
}
REQUESTED_ACTIONS_2027 = {
    "tr": "Aday göstermeyi planladığınız projeleri (ya da aday göstermeyeceğinizi) cevap tarihine kadar bildiriniz.",
    "en": "Tell BTK which projects you plan to nominate (or that you will nominate none) by the reply deadline.",
    "ru": "Сообщите BTK до срока ответа, какие проекты вы планируете выдвинуть (или что не выдвигаете ни одного).",
    "ky": "Жооп берүү мөөнөтүнө чейин кайсы долбоорлорду көрсөтөрүңүздү (же көрсөтпөсөңүз) BTKга билдириңиз.",
    "fa": "تا مهلت پاسخ، پروژه‌هایی را که قصد نامزدی دارید (یا اینکه پروژه‌ای نامزد نمی‌کنید) به BTK اطلاع دهید.",
    "az": "Cavab müddətinədək hansı layihələri namizəd göstərəcəyinizi (və ya heç birini göstərməyəcəyinizi) BTK-ya "
    "bildirin.",
}

# The agencies' answers to the 2026 letter, as of December 2026 (made up): slug, state, local answer time, text.
# 15 March 2026 23:59 in Istanbul is the deadline: the last two answered late.
ANSWERS_2026 = [
    (
        "meb",
        RecipientState.ANSWERED,
        (2026, 3, 10, 14, 20),
        "EBA projemiz WSIS 2026 ödüllerine aday gösterildi. (demo)",
    ),
    ("saglik", RecipientState.NOTHING_TO_REPORT, (2026, 3, 5, 10, 5), ""),
    ("sanayi", RecipientState.ANSWERED, (2026, 3, 12, 16, 45), "İki proje C7 kategorilerinde aday gösterildi. (demo)"),
    ("iletisim", RecipientState.ANSWERED, (2026, 3, 13, 11, 0), "Bir proje aday gösterildi. (demo)"),
    ("uab", RecipientState.ANSWERED, (2026, 3, 20, 9, 30), "Başvurumuz 14 Mart'ta yapıldı; bilgi geç verildi. (demo)"),
    ("ktb", RecipientState.NOTHING_TO_REPORT, (2026, 3, 18, 15, 10), ""),
]
# Agencies that acknowledged the letter without answering it.
ACKNOWLEDGED_2026 = [("adalet", (2026, 1, 23, 9, 15)), ("disisleri", (2026, 1, 26, 10, 40))]


def _at(parts) -> dt.datetime:
    return dt.datetime(*parts, tzinfo=IST)


def placeholder_pdf(title: str) -> bytes:
    """A valid one-page PDF saying it stands in for `title` (ASCII), with a correct cross-reference table."""
    text = f"Placeholder for the attachment: {title} (demo)".replace("(", "[").replace(")", "]")
    stream = f"BT /F1 12 Tf 72 770 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _translated(field: str, values: dict) -> dict:
    return {field: values["tr"], **{f"{field}_{code}": values.get(code, "") for code in CODES}}


def _distribution_list() -> DistributionList:
    dlist = upsert(
        DistributionList,
        {"slug": "ministries-and-presidencies"},
        {**_translated("name", LIST_NAMES), **_translated("description", LIST_DESCRIPTIONS)},
    )
    agencies = list(Agency.objects.filter(slug__in=MINISTRIES_AND_PRESIDENCIES))
    missing = set(MINISTRIES_AND_PRESIDENCIES) - {agency.slug for agency in agencies}
    if missing:
        raise LookupError(f"The core demo lacks the agencies {sorted(missing)}.")
    if {a.pk for a in dlist.agencies.all()} != {a.pk for a in agencies}:
        dlist.agencies.set(agencies)
    return dlist


def _recipients(circular: Circular, dlist: DistributionList) -> None:
    for agency in dlist.agencies.all():
        CircularRecipient.objects.get_or_create(circular=circular, agency=agency)


def _edition(year: int):
    from awards.models import AwardEdition

    return AwardEdition.objects.filter(programme__slug="wsis-prizes", year=year).first()


def _answers_2026(circular: Circular) -> None:
    meb = Contact.objects.filter(agency__slug="meb", user__isnull=False).select_related("user").first()
    for slug, ack_at in ACKNOWLEDGED_2026:
        row = CircularRecipient.objects.get(circular=circular, agency__slug=slug)
        upsert(
            CircularRecipient,
            {"pk": row.pk},
            {"state": RecipientState.ACKNOWLEDGED, "acknowledged_at": _at(ack_at)},
        )
    due_at = circular.reply_due_at
    for slug, state, when, text in ANSWERS_2026:
        row = CircularRecipient.objects.get(circular=circular, agency__slug=slug)
        answered_at = _at(when)
        by = meb.user if slug == "meb" and meb else None
        upsert(
            CircularRecipient,
            {"pk": row.pk},
            {
                "state": state,
                "answer": text,
                "answered_at": answered_at,
                "answered_by": by,
                "acknowledged_at": answered_at - dt.timedelta(days=2),
                "acknowledged_by": by,
                "late": answered_at > due_at,
            },
        )


def _circular(lookup: dict, values: dict, dlist: DistributionList) -> Circular:
    circular = upsert(Circular, lookup, values)
    _recipients(circular, dlist)
    return circular


@transaction.atomic
def load() -> dict:
    """Create or update the demo distribution list, circulars and answers; running it again changes nothing."""
    with translation.override("tr"):  # the bare translated fields are the Turkish ones
        btk = Agency.objects.get(slug="btk")
        dlist = _distribution_list()
        common = {
            "contact_name": "Handan Cantekinler",
            **_translated("contact_role", CONTACT_ROLES),
            "contact_email": "handan.cantekinler@btk.gov.tr",
            "contact_phone": "0312 412 12 54",
            "tz": "Europe/Istanbul",
            "distribution_list": dlist,
            "distribution_name": LIST_NAMES["tr"],
            "state": CircularState.SENT,
            "demo": True,
        }
        wsis_2026 = _circular(
            {"sender": btk, "reference": "E-2026-BTK-0042 (demo)"},
            {
                **common,
                "dated_on": dt.date(2026, 1, 20),
                **_translated("subject", SUBJECTS),
                **_translated("body", BODIES),
                **_translated("requested_action", REQUESTED_ACTIONS),
                "reply_due_on": dt.date(2026, 3, 15),
                "reply_due_time": None,
                "visibility": CircularVisibility.PUBLIC,
                "award_edition": _edition(2026),
                "event": Event.objects.filter(slug="wsis-forum-2026").first(),
                "sent_at": _at((2026, 1, 20, 11, 30)),
            },
            dlist,
        )
        _answers_2026(wsis_2026)
        if not wsis_2026.attachments.exists():
            attachment = CircularAttachment(circular=wsis_2026, title="ITU Mektubu (1 Sayfa) / ITU letter (1 page)")
            attachment.file.save("itu-letter-wsis-2026.pdf", ContentFile(placeholder_pdf("ITU letter")), save=True)

        edition_2027 = _edition(2027)
        deadline_2027 = getattr(edition_2027, "nomination_deadline", None) or dt.date(2027, 3, 15)
        wsis_2027 = _circular(
            {"sender": btk, "reference": "E-2026-BTK-0311 (demo)"},
            {
                **common,
                "dated_on": dt.date(2026, 12, 1),
                **_translated("subject", SUBJECTS_2027),
                **_translated("body", BODIES_2027),
                **_translated("requested_action", REQUESTED_ACTIONS_2027),
                # A month before the nominations close, so the agencies' nominations can be coordinated.
                "reply_due_on": deadline_2027 - dt.timedelta(days=28),
                "reply_due_time": dt.time(17, 0),
                "visibility": CircularVisibility.ADDRESSEES,
                "award_edition": edition_2027,
                "sent_at": _at((2026, 12, 1, 10, 0)),
            },
            dlist,
        )
        meb_row = CircularRecipient.objects.get(circular=wsis_2027, agency__slug="meb")
        if meb_row.state == RecipientState.PENDING:
            meb_row.state = RecipientState.ACKNOWLEDGED
            meb_row.acknowledged_at = _at((2026, 12, 2, 9, 40))
            meb_row.save(update_fields=["state", "acknowledged_at"])
        # The recipient rows were written after the circulars' saves: the registry reads them now.
        for circular in (wsis_2026, wsis_2027):
            registry.sync(circular, deadlines.specs_for(circular))
    return {
        "distribution lists": DistributionList.objects.count(),
        "circulars": Circular.objects.filter(demo=True).count(),
        "circular recipients": CircularRecipient.objects.filter(circular__demo=True).count(),
    }
