"""Writes the web page test set (tests/data/web/*.html) and its checks (checks.json).

Every page is invented for these tests (no real article's text): a news page in one language
and charset, with its page furniture around it, and per page the snippets an article text must
contain and must not contain. The bytes are written here so that each charset, stray byte and
NUL is exactly what the test names. Run: python tests/data/web/make_pages.py
"""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent


def page(
    title: str,
    body: str,
    *,
    lang: str = "en",
    head: str = "",
    nav: str = "",
    aside: str = "",
    footer: str = "",
    dir_: str = "ltr",
    charset: str | None = "utf-8",
    og_type: str = "article",
) -> str:
    meta = f'<meta charset="{charset}">' if charset else ""
    return f"""<!DOCTYPE html>
<html lang="{lang}" dir="{dir_}"><head>{meta}
<title>{title}</title>
<meta property="og:type" content="{og_type}">
<meta property="og:title" content="{title}">{head}
</head><body>
<header><nav><ul>{nav}</ul></nav></header>
<main><article>
<h1>{title}</h1>
{body}
</article>
<aside>{aside}</aside></main>
<footer>{footer}</footer>
</body></html>
"""


def li_links(*labels: str) -> str:
    return "".join(f'<li><a href="/{n}">{label}</a></li>' for n, label in enumerate(labels))


PAGES: dict[str, dict] = {}


def add(name: str, html: str | bytes, must: list[str], must_not: list[str], *,
        encoding: str = "utf-8", article: bool = True, note: str = "") -> None:
    data = html if isinstance(html, bytes) else html.encode(encoding)
    (HERE / name).write_bytes(data)
    PAGES[name] = {"must_contain": must, "must_not_contain": must_not, "article": article,
                   "note": note}


# --- Chinese: no spaces, 。 ends sentences ----------------------------------------------------
zh_paras = [
    "新华社北京12月3日电 记者从交通运输部获悉，港湾大桥将从下周一起封闭六周进行维修。",
    "工程人员在例行检查中发现东侧桥跨的支座出现裂缝。市政府表示，维修费用预计约为一千二百万元。",
    "渡轮公司表示，在大桥封闭期间将增加班次。交通部门提醒市民提前规划出行路线！",
    "专家指出，这座大桥已经使用了四十多年，定期维护十分必要。",
]
add(
    "zh_bridge.html",
    page("港湾大桥将封闭六周进行维修", "".join(f"<p>{p}</p>" for p in zh_paras), lang="zh-CN",
         nav=li_links("首页", "国内", "国际", "财经"),
         aside="<h3>相关新闻</h3><ul>" + li_links("城市地铁新线开通", "机场扩建工程启动") + "</ul>",
         footer="<p>版权所有 新华网</p>"),
    ["支座出现裂缝", "维修费用预计约为一千二百万元", "渡轮公司表示", "定期维护十分必要"],
    ["首页", "城市地铁新线开通", "版权所有"],
    note="Chinese without spaces; 。！ end sentences",
)

# --- Japanese, short page (NHK-like): 「」 quotes -------------------------------------------------
ja_paras = [
    "港湾大橋は来週月曜日から六週間、補修のため通行止めになります。",
    "市の担当者は「安全を最優先に考えた」と話しています。",
]
add(
    "ja_bridge.html",
    page("港湾大橋 六週間の通行止めへ", "".join(f"<p>{p}</p>" for p in ja_paras), lang="ja",
         nav=li_links("ニュース", "天気", "スポーツ"), footer="<p>著作権 日本放送</p>"),
    ["六週間、補修のため通行止め", "「安全を最優先に考えた」と話しています"],
    ["天気", "著作権"],
    note="a short Japanese page that used to be refused",
)

# --- Arabic (RTL) with a localized 'read also' block ------------------------------------------
ar_paras = [
    "أعلن مجلس المدينة يوم الثلاثاء أن جسر الميناء سيغلق لمدة ستة أسابيع اعتبارا من يوم الاثنين.",
    "وقال المهندسون إنهم عثروا على تشققات في دعامات الجزء الشرقي من الجسر خلال فحص روتيني.",
    "وتقدر تكلفة الإصلاحات بنحو اثني عشر مليون دولار، بحسب متحدث باسم المجلس.",
    "هل ستضيف شركات العبارات رحلات جديدة؟ قالت الشركات إنها ستفعل ذلك.",
]
add(
    "ar_bridge.html",
    page("إغلاق جسر الميناء لمدة ستة أسابيع",
         "".join(f"<p>{p}</p>" for p in ar_paras)
         + '<p><strong>اقرأ أيضا:</strong> <a href="/x">افتتاح خط مترو جديد</a></p>',
         lang="ar", dir_="rtl", nav=li_links("الرئيسية", "أخبار", "رياضة"),
         footer="<p>جميع الحقوق محفوظة</p>"),
    ["تشققات في دعامات الجزء الشرقي", "اثني عشر مليون دولار", "قالت الشركات إنها ستفعل ذلك"],
    ["اقرأ أيضا", "افتتاح خط مترو جديد", "جميع الحقوق محفوظة"],
    note="right-to-left; ؟ ends a sentence",
)

# --- Hebrew (RTL) --------------------------------------------------------------------------------
he_paras = [
    "מועצת העיר הודיעה ביום שלישי כי גשר הנמל ייסגר לשישה שבועות החל מיום שני.",
    "המהנדסים מצאו סדקים בתומכות של החלק המזרחי של הגשר במהלך בדיקה שגרתית.",
    "עלות התיקונים מוערכת בכשנים עשר מיליון דולר, כך נמסר מהמועצה.",
]
add(
    "he_bridge.html",
    page("גשר הנמל ייסגר לשישה שבועות", "".join(f"<p>{p}</p>" for p in he_paras), lang="he",
         dir_="rtl", nav=li_links("ראשי", "חדשות", "ספורט"),
         aside="<h3>עוד באתר</h3><ul>" + li_links("קו רכבת חדש נפתח") + "</ul>"),
    ["סדקים בתומכות של החלק המזרחי", "כשנים עשר מיליון דולר"],
    ["קו רכבת חדש נפתח", "ראשי"],
)

# --- Thai: no spaces between words, a space between phrases --------------------------------
th_paras = [
    "สภาเมืองประกาศเมื่อวันอังคารว่าสะพานท่าเรือจะปิดเป็นเวลาหกสัปดาห์ตั้งแต่วันจันทร์ "
    "เพื่อซ่อมแซมฐานรองรับที่แตกร้าว",
    "วิศวกรพบรอยร้าวที่ฐานรองรับด้านตะวันออกของสะพานระหว่างการตรวจสอบตามปกติเมื่อเดือนที่แล้ว",
    "ค่าซ่อมแซมคาดว่าจะอยู่ที่ประมาณสิบสองล้านดอลลาร์ ตามที่โฆษกของสภาเมืองระบุ",
]
add(
    "th_bridge.html",
    page("สะพานท่าเรือปิดหกสัปดาห์", "".join(f"<p>{p}</p>" for p in th_paras), lang="th",
         nav=li_links("หน้าแรก", "ข่าว", "กีฬา"),
         aside="<h3>ข่าวที่เกี่ยวข้อง</h3><ul>" + li_links("รถไฟฟ้าสายใหม่เปิดให้บริการ") + "</ul>"),
    ["พบรอยร้าวที่ฐานรองรับด้านตะวันออก", "ประมาณสิบสองล้านดอลลาร์"],
    ["หน้าแรก", "รถไฟฟ้าสายใหม่เปิดให้บริการ"],
    note="Thai: words run together, spaces between phrases",
)

# --- Polish, declared UTF-8 with stray Latin-1 bytes -------------------------------------------
pl_paras = [
    "Seria ataków na infrastrukturę energetyczną wywołała w środę przerwy w dostawach prądu.",
    "Według ministerstwa naprawy potrwają co najmniej dwa tygodnie, a koszt przekroczy milion złotych.",
    "Mieszkańcy Krakowa i Łodzi zgłaszali przerwy trwające nawet dziesięć godzin.",
]
pl_html = page("Seria ataków na sieć energetyczną", "".join(f"<p>{p}</p>" for p in pl_paras),
               lang="pl", nav=li_links("Kraj", "Świat", "Sport"),
               footer="<p>Reklama: Caf\x00E9 Paryż</p>")
pl_bytes = pl_html.encode("utf-8").replace(b"Caf\x00E9", b"Caf\xe9")  # one stray Latin-1 byte
pl_bytes = pl_bytes.replace("Paryż</p>".encode(), b"Pary\xbf</p><p>Promocja \xb1 \xe6</p>")
add("pl_mixed.html", pl_bytes,
    ["Seria ataków na infrastrukturę energetyczną", "Krakowa i Łodzi", "milion złotych"],
    ["atakÃ³w", "Ã"], note="UTF-8 declared, four stray single bytes in the footer")

# --- Russian, windows-1251 undeclared; KOI8-R declared late -----------------------------------
ru_paras = [
    "Городской совет во вторник объявил, что мост в порту будет закрыт на шесть недель.",
    "Инженеры обнаружили трещины в опорах восточного пролёта во время плановой проверки.",
    "Ремонт обойдётся примерно в двенадцать миллионов долларов, сообщил представитель совета.",
]
add("ru_cp1251.html",
    page("Мост в порту закроют на шесть недель", "".join(f"<p>{p}</p>" for p in ru_paras),
         lang="ru", charset=None, nav=li_links("Главная", "Новости", "Спорт")),
    ["трещины в опорах восточного пролёта", "двенадцать миллионов долларов"],
    ["Главная"], encoding="cp1251", note="windows-1251, no charset declared")
koi = page("Мост в порту закроют на шесть недель", "".join(f"<p>{p}</p>" for p in ru_paras),
           lang="ru", charset=None, nav=li_links("Главная", "Новости", "Спорт"))
koi = koi.replace("</body>", "<!-- " + "x" * 5000 + ' --><meta charset="koi8-r"></body>')
add("ru_koi8r.html", koi, ["трещины в опорах восточного пролёта"], ["Главная"],
    encoding="koi8-r", note="KOI8-R declared only at the end of the page")

# --- UTF-16 with BOM -------------------------------------------------------------------------
add("en_utf16.html",
    page("Bridge to close for six weeks", "<p>The Harbour Bridge will close for six weeks from "
         "Monday, the council said on Tuesday.</p><p>Engineers found cracked bearings on the "
         "eastern span during a routine inspection.</p>", charset="utf-16",
         nav=li_links("Home", "World")),
    ["cracked bearings on the eastern span"], ["Home"], encoding="utf-16")

# --- NUL bytes after an ad -------------------------------------------------------------------
nul = page("Bridge to close for six weeks",
           "<p>The Harbour Bridge will close for six weeks from Monday, the council said.</p>"
           '<div class="ad">Advertisement</div>'
           "<p>Engineers found cracked bearings on the eastern span during an inspection.</p>"
           "<p>Ferry operators said they would add sailings while the bridge is closed.</p>",
           nav=li_links("Home", "World"))
nul_bytes = nul.encode().replace(b"Advertisement</div>", b"Advertisement</div>" + b"\x00" * 22)
add("en_nuls.html", nul_bytes, ["cracked bearings on the eastern span", "add sailings"],
    ["Advertisement"], note="22 NUL bytes after an ad")

# --- English with short sub-headings and list items --------------------------------------------
add("en_subheadings.html",
    page("What the bridge closure means for you",
         "<p>The Harbour Bridge will close for six weeks from Monday, the council said.</p>"
         "<h2>Ferry Timetables</h2>"
         "<p>Operators will add early sailings on both routes while the bridge is closed.</p>"
         "<h2>Bus Routes</h2>"
         "<p>Three bus routes will be diverted through the tunnel, the transport office said.</p>"
         "<p>Routes affected:</p><ul><li>Route 12 Express</li><li>Harbour Loop</li>"
         "<li>Airport Link</li></ul>"
         "<h2>Who Pays</h2><p>The council expects repairs to cost about 12 million dollars.</p>",
         nav=li_links("Home", "Local News", "Sport", "Weather"),
         aside="<h3>Most Read</h3><ul>" + li_links("Mayor Opens Market", "Storm Warning") + "</ul>"),
    ["Ferry Timetables", "Bus Routes", "Route 12 Express", "Harbour Loop", "Airport Link",
     "Who Pays", "12 million dollars"],
    ["Local News", "Mayor Opens Market", "Most Read"],
    note="sub-headings and list items of up to three capitalised words")

# --- Spanish, German, French junk phrases --------------------------------------------------
add("es_junk.html",
    page("El puente del puerto cerrará seis semanas",
         "<p>El ayuntamiento anunció el martes que el puente del puerto cerrará durante seis "
         "semanas a partir del lunes.</p><p>Los ingenieros encontraron grietas en los apoyos del "
         "tramo este durante una inspección rutinaria.</p>"
         "<p>Lea también: El metro abre una nueva línea</p>"
         "<p>Las navieras añadirán salidas mientras el puente permanezca cerrado.</p>"
         "<p>Suscríbete a nuestro boletín</p>",
         lang="es", nav=li_links("Portada", "Internacional")),
    ["grietas en los apoyos del tramo este", "Las navieras añadirán salidas"],
    ["Lea también", "Suscríbete a nuestro boletín"])
add("de_junk.html",
    page("Hafenbrücke wird sechs Wochen gesperrt",
         "<p>Die Hafenbrücke wird ab Montag für sechs Wochen gesperrt, teilte der Stadtrat am "
         "Dienstag mit.</p><p>Schon gelesen? Neue U-Bahn-Linie eröffnet</p>"
         "<p>Ingenieure fanden bei einer Routineprüfung Risse in den Lagern des Ostteils.</p>"
         "<p>Die Reparatur soll rund zwölf Millionen Euro kosten.</p>"
         "<p>Mehr zum Thema</p>",
         lang="de", nav=li_links("Startseite", "Politik")),
    ["Risse in den Lagern des Ostteils", "zwölf Millionen Euro"],
    ["Schon gelesen?", "Mehr zum Thema"])
add("fr_junk.html",
    page("Le pont du port fermé pendant six semaines",
         "<p>Le pont du port sera fermé pendant six semaines à partir de lundi, a annoncé mardi "
         "le conseil municipal.</p><p>Les ingénieurs ont découvert des fissures dans les appuis "
         "de la travée est lors d'une inspection.</p>"
         "<p>Les réparations devraient coûter environ douze millions d'euros.</p>"
         "<p>Pour lire la suite, abonnez-vous</p><p>À lire aussi : Le métro ouvre une ligne</p>",
         lang="fr", nav=li_links("Accueil", "Monde")),
    ["des fissures dans les appuis", "douze millions d'euros"],
    ["Pour lire la suite", "À lire aussi"])

# --- closing quotation marks after a full stop ------------------------------------------------
add("en_quotes.html",
    page("Council defends bridge closure",
         "<p>“We had no choice but to close it.” The mayor spoke after the meeting.</p>"
         "<p>“Safety comes first. The bearings are cracked.”</p>"
         "<p>She added: “It will reopen before the holidays.”</p>"
         "<p>Engineers told the meeting that the eastern span had carried more traffic than "
         "it was built for. “Really?” one councillor asked.”</p>",
         nav=li_links("Home", "City")),
    ["We had no choice but to close it.”", "The bearings are cracked.”",
     "It will reopen before the holidays.”", "one councillor asked.”"], ["Home"],
    note="closing quotes after full stops must end up in a passage")

# --- pages that are not articles --------------------------------------------------------------
headlines = "".join(
    f'<li><a href="/story/{n}">{h}</a></li>'
    for n, h in enumerate([
        "Harbour Bridge to close for six weeks", "Mayor opens new market hall",
        "Storm warning for the coast tonight", "Council approves school budget",
        "Local team wins the cup final", "Museum reopens after renovation"]))
add("home_page.html",
    page("Harbour Herald — News, Sport, Weather", f"<ul>{headlines}</ul>", og_type="website",
         nav=li_links("Home", "World", "Sport")),
    [], [], article=False, note="a home page: a list of headlines")
add("product_page.html",
    page("Trail Runner 3 waterproof shoe",
         "<p>Price: 129.00 EUR</p><p>In stock. Free delivery on orders over 50 EUR.</p>"
         "<ul><li>Sizes 38 to 47</li><li>Waterproof membrane</li><li>Weight 310 g</li></ul>"
         "<p>Add to basket</p>",
         og_type="product", nav=li_links("Shop", "Men", "Women")),
    [], [], article=False, note="a product page")
add("status_page.html",
    page("Service status",
         "<p>All systems operational.</p><ul><li>API: operational</li><li>Website: operational"
         "</li><li>Payments: operational</li></ul><p>Last updated 2 minutes ago.</p>",
         og_type="website"),
    [], [], article=False, note="a server status page")

(HERE / "checks.json").write_text(json.dumps(PAGES, ensure_ascii=False, indent=1) + "\n",
                                  encoding="utf-8")
print(f"wrote {len(PAGES)} pages to {HERE}")
