"""Six kiosk languages, furigana and read-aloud in a real browser: the citizen picks a language on
the welcome screen, the screens speak it (axe-clean in each), the ticket carries it to the clerk;
furigana sit over every kanji when on and are gone when off; the read-aloud button speaks the
screen in the language's voice, or says plainly that the device has none."""

from __future__ import annotations

from dataclasses import dataclass

from playwright.sync_api import Page, expect

from tests.browser.conftest import check_screen
from tests.browser.helpers import assert_kiosk_sizes, assert_no_horizontal_scroll, enrolled_kiosk, staff_member


@dataclass(frozen=True)
class Words:
    """What a citizen sees in the language, as its catalogue (frontend/src/lib/i18n/) says it."""

    button: str  # the language's own name on the welcome screen
    html_lang: str
    greeting: str
    waiting: str
    leave: str
    leave_confirm: str
    read_aloud: str
    staff_name: str  # the language's name on the (Japanese) clerk's screen


LANGUAGES = {
    "ja": Words("日本語", "ja", "ようこそ", "順番をお待ちください", "やめる", "はい、やめます", "読み上げ", "日本語"),
    "ja-easy": Words(
        "やさしい にほんご",
        "ja",
        "ようこそ",
        "順番を 待ってください",
        "やめる",
        "はい、やめます",
        "声で読む",
        "やさしい日本語",
    ),
    "en": Words("English", "en", "Welcome", "Please wait for your turn", "Leave", "Yes, leave", "Read aloud", "英語"),
    "vi": Words(
        "Tiếng Việt",
        "vi",
        "Xin chào",
        "Xin vui lòng chờ đến lượt",
        "Hủy lượt chờ",
        "Vâng, hủy lượt chờ",
        "Đọc to",
        "ベトナム語",
    ),
    "pt": Words(
        "Português",
        "pt-BR",
        "Boas-vindas",
        "Por favor, aguarde a sua vez",
        "Sair da fila",
        "Sim, quero sair",
        "Ler em voz alta",
        "ポルトガル語",
    ),
    "zh": Words("中文（简体）", "zh-CN", "欢迎", "请等候叫号", "取消排队", "是的，取消排队", "朗读", "中国語"),
}
SERVICE_FIELD = {"ja": "ja", "ja-easy": "ja_easy", "en": "en", "vi": "vi", "pt": "pt", "zh": "zh"}

# Every Han character of the visible Japanese text in <main> must sit in a <ruby> (whose reading
# is drawn, not text); returns the text nodes where one does not, and the ruby and readings.
KANJI_REPORT = """() => {
    const han = /[\\u3400-\\u9fff\\uf900-\\ufaff]/;
    const main = document.querySelector('main');
    const bare = [];
    let kanji = 0;
    const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const el = node.parentElement;
        if (!han.test(node.nodeValue) || el.closest('rt, [aria-hidden="true"], .visually-hidden')) continue;
        if (!el.checkVisibility() || !(el.closest('[lang]')?.lang ?? 'ja').startsWith('ja')) continue;
        kanji += [...node.nodeValue].filter((c) => han.test(c)).length;
        if (!el.closest('ruby')) bare.push(node.nodeValue.trim());
    }
    // The reading is drawn from data-ruby as generated content with empty alternative text.
    const readings = [...main.querySelectorAll('ruby')].map((r) => [r.dataset.ruby, getComputedStyle(r, '::before').content]);
    return { bare, kanji, ruby: main.querySelectorAll('ruby').length, readings };
}"""

# A speechSynthesis with two voices that records what it is asked to say (headless Chromium has
# no voices at all, which the other tests use to check the "no voice" message).
FAKE_SPEECH = """
(() => {
  const voice = (name, lang) => ({ name, lang, localService: true, default: false, voiceURI: name });
  const voices = [voice('Fake Tiếng Việt', 'vi-VN'), voice('Fake 日本語', 'ja-JP')];
  window.__spoken = [];
  window.__cancelled = 0;
  window.SpeechSynthesisUtterance = class {
    constructor(text) { this.text = text; this.lang = ''; this.voice = null; this.rate = 1; }
  };
  const synth = {
    getVoices: () => voices,
    speak(u) { window.__spoken.push({ text: u.text, lang: u.lang, voice: u.voice && u.voice.name, rate: u.rate }); this.current = u; },
    cancel() { window.__cancelled += 1; this.current = null; },
    // The end of speech, as the device would report it.
    finish() { const u = this.current; this.current = null; u && u.onend && u.onend(); },
    addEventListener() {},
    removeEventListener() {},
  };
  Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
})();
"""


def choose_language(kiosk: Page, words: Words) -> None:
    """On the welcome screen: the six big buttons, each in its own language."""
    choice = kiosk.get_by_role("region", name="ことば / Language").or_(kiosk.locator(".kiosk__languages"))
    button = choice.first.get_by_role("button", name=words.button, exact=True)
    expect(button).to_have_attribute("lang", words.html_lang)
    button.click()
    expect(button).to_have_attribute("aria-pressed", "true")
    expect(kiosk.get_by_role("heading", level=1)).to_have_text(words.greeting)
    expect(kiosk.locator("html")).to_have_attribute("lang", words.html_lang)


def service_name(kiosk: Page, lang: str) -> str:
    """The health-advice counter's name in the language, as the server's catalogue gives it."""
    catalogue = kiosk.evaluate("fetch('/api/catalogue').then((r) => r.json())")
    provider = next(p for p in catalogue["providers"] if p["id"] == "kenko-zoshin")
    name = provider["services"][0]["name"]
    return name.get(SERVICE_FIELD[lang]) or name["ja"]


def test_each_language_from_the_welcome_screen_to_the_clerk(new_page, server):
    staff = staff_member(new_page, server, "窓口 言語", ["kenko-zoshin"])
    staff.get_by_role("button", name="受付を始める").click()

    for number, (lang, words) in enumerate(LANGUAGES.items(), start=1):
        # A citizen at a kiosk of their own, so each language starts from the welcome screen.
        kiosk = enrolled_kiosk(new_page, server, f"言語テスト {number}号機", "友部駅前")
        if number == 1:
            # The language buttons come first under the greeting: each name in its own language, no flags.
            names = kiosk.locator(".kiosk__languages button").all_inner_texts()
            assert [n.removeprefix("✓ ").strip() for n in names] == [w.button for w in LANGUAGES.values()], names
            assert kiosk.locator(".kiosk__languages img, .kiosk__languages svg").count() == 0
        choose_language(kiosk, words)
        check_screen(kiosk, "kiosk-welcome-ja-furigana" if lang == "ja" else f"kiosk-welcome-{lang}")
        assert_kiosk_sizes(kiosk)
        if lang == "vi":
            assert_no_horizontal_scroll(kiosk, screenshot="kiosk-welcome-vi-200pct")

        name = service_name(kiosk, lang)
        kiosk.get_by_role("button", name=name).first.click()
        expect(kiosk.get_by_role("heading", level=1)).to_have_text(words.waiting)
        expect(kiosk.locator("html")).to_have_attribute("lang", words.html_lang)
        expect(kiosk.get_by_text(name, exact=False).first).to_be_visible()
        check_screen(kiosk, f"kiosk-waiting-{lang}")
        # A move in the line is read out, in the citizen's language.
        expect(kiosk.get_by_test_id("ticket-position")).to_have_attribute("aria-live", "polite")
        ticket = kiosk.get_by_test_id("ticket-number").inner_text()

        # The clerk sees which language this citizen chose, by name.
        row = staff.get_by_role("row", name=ticket)
        expect(row).to_contain_text(words.staff_name)

        kiosk.get_by_role("button", name=words.leave, exact=True).click()
        kiosk.get_by_role("button", name=words.leave_confirm, exact=True).click()
        expect(row).to_have_count(0)


def test_the_language_can_be_changed_on_every_screen_from_one_uncrowded_button(new_page, server):
    kiosk = enrolled_kiosk(new_page, server, "移動市役所 6号車", "岩間支所 駐車場")
    choose_language(kiosk, LANGUAGES["pt"])
    kiosk.get_by_role("button", name=service_name(kiosk, "pt")).first.click()
    expect(kiosk.get_by_role("heading", level=1)).to_have_text(LANGUAGES["pt"].waiting)

    # The top bar holds one language button (not six), and it opens a dialog asking just that.
    top = kiosk.locator(".kiosk__top")
    expect(top.locator("[lang]")).to_have_count(0)
    top.get_by_role("button", name="Idioma / ことば").click()
    dialog = kiosk.get_by_role("dialog", name="Escolha o idioma")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("button", name="Português")).to_have_attribute("aria-pressed", "true")
    check_screen(kiosk, "kiosk-language-dialog")
    assert_kiosk_sizes(kiosk)
    dialog.get_by_role("button", name="中文（简体）").click()
    expect(dialog).to_have_count(0)
    expect(kiosk.get_by_role("heading", level=1)).to_have_text(LANGUAGES["zh"].waiting)
    expect(kiosk.locator("html")).to_have_attribute("lang", "zh-CN")
    # The screen's words changed, so its heading takes focus and is read out in the new language.
    expect(kiosk.get_by_role("heading", level=1)).to_be_focused()
    kiosk.get_by_role("button", name="取消排队").click()
    kiosk.get_by_role("button", name="是的，取消排队").click()
    expect(kiosk.get_by_role("heading", level=1)).to_have_text("ようこそ")


def test_furigana_over_every_kanji_when_on_and_none_when_off(new_page, server):
    kiosk = enrolled_kiosk(new_page, server, "移動市役所 7号車", "笠間市役所")
    expect(kiosk.locator(".service-tile").first).to_be_visible()
    toggle = kiosk.get_by_role("button", name="ふりがな")
    # On by default in Japanese.
    expect(toggle).to_have_attribute("aria-pressed", "true")
    report = kiosk.evaluate(KANJI_REPORT)
    assert report["kanji"] > 50 and report["bare"] == [], report
    assert all(reading and content.startswith(f'"{reading}"') for reading, content in report["readings"]), report
    # The corrections file wins for place names; the reading is drawn, not part of the text.
    tile = kiosk.get_by_role("button", name="健康相談").first
    expect(tile.locator("ruby").first).to_have_attribute("data-ruby", "けんこう")
    expect(tile).to_contain_text("健康相談")

    # The waiting screen too, {placeholder} texts included ("用件：健康相談").
    tile.click()
    expect(kiosk.get_by_role("heading", level=1)).to_have_text("順番をお待ちください")
    report = kiosk.evaluate(KANJI_REPORT)
    assert report["kanji"] > 20 and report["bare"] == [], report
    lead = kiosk.get_by_text("用件：健康相談")
    expect(lead.locator("ruby")).to_have_count(3)
    check_screen(kiosk, "kiosk-waiting-ja-furigana")
    assert_kiosk_sizes(kiosk)
    assert_no_horizontal_scroll(kiosk)

    toggle.click()
    expect(toggle).to_have_attribute("aria-pressed", "false")
    expect(kiosk.locator("main ruby")).to_have_count(0)
    expect(kiosk.get_by_role("heading", level=1)).to_have_text("順番をお待ちください")
    check_screen(kiosk, "kiosk-waiting-ja-no-furigana")

    # Other languages have no kanji to read: neither the toggle nor ruby.
    kiosk.get_by_role("button", name="ことば / Language").click()
    kiosk.get_by_role("dialog").get_by_role("button", name="English").click()
    expect(kiosk.get_by_role("heading", level=1)).to_have_text("Please wait for your turn")
    expect(kiosk.get_by_role("button", name="Furigana")).to_have_count(0)
    expect(kiosk.locator("main ruby")).to_have_count(0)

    # やさしい日本語: the choice holds for the visit (off), and on again gives its own readings.
    kiosk.get_by_role("button", name="ことば / Language").click()
    kiosk.get_by_role("dialog").get_by_role("button", name="やさしい にほんご").click()
    expect(kiosk.get_by_role("heading", level=1)).to_have_text("順番を 待ってください")
    expect(toggle).to_have_attribute("aria-pressed", "false")
    expect(kiosk.locator("main ruby")).to_have_count(0)
    toggle.click()
    expect(toggle).to_have_attribute("aria-pressed", "true")
    report = kiosk.evaluate(KANJI_REPORT)
    assert report["ruby"] > 0 and report["bare"] == [], report
    expect(kiosk.get_by_text("用事：体と 健康の 相談").locator("ruby").first).to_have_attribute("data-ruby", "ようじ")
    kiosk.get_by_role("button", name="やめる").click()
    kiosk.get_by_role("button", name="はい、やめます").click()
    expect(kiosk.get_by_role("heading", level=1)).to_have_text("ようこそ")


def test_read_aloud_says_when_the_device_has_no_voice(new_page, server):
    kiosk = enrolled_kiosk(new_page, server, "移動市役所 8号車", "友部駅前")
    kiosk.get_by_role("button", name="読み上げ").click()
    message = kiosk.get_by_test_id("read-aloud-message")
    expect(message).to_have_text("この機械には日本語の声がありません。画面の文字をお読みください。")
    expect(message).to_have_attribute("role", "status")
    check_screen(kiosk, "kiosk-read-aloud-no-voice")
    assert_kiosk_sizes(kiosk)
    choose_language(kiosk, LANGUAGES["en"])
    expect(message).to_be_empty()
    kiosk.get_by_role("button", name="Read aloud").click()
    expect(message).to_have_text("This device has no English voice. Please read the screen.")


def test_read_aloud_speaks_the_screen_in_the_languages_voice_and_stops_when_pressed_again(new_page, server):
    kiosk = enrolled_kiosk(new_page, server, "移動市役所 9号車", "友部駅前", init_script=FAKE_SPEECH)
    expect(kiosk.locator(".service-tile").first).to_be_visible()

    # Japanese with furigana on: the words once each, as written (no readings doubled).
    button = kiosk.get_by_role("button", name="読み上げ")
    button.click()
    spoken = kiosk.evaluate("window.__spoken")
    assert len(spoken) == 1 and spoken[0]["lang"] == "ja-JP" and spoken[0]["voice"] == "Fake 日本語", spoken
    text = spoken[0]["text"]
    assert text.startswith("ようこそ\n"), text
    assert "市役所の窓口" in text and "健康相談" in text, text
    assert "しやくしょ" not in text and "けんこう" not in text, text
    # The other languages' names are not read in a Japanese voice; Japanese's own is.
    assert "日本語" in text and "Tiếng Việt" not in text and "English" not in text, text
    # Pressing again stops.
    stop = kiosk.get_by_role("button", name="読み上げを止める")
    expect(stop).to_have_attribute("aria-pressed", "true")
    stop.click()
    expect(button).to_have_attribute("aria-pressed", "false")
    assert kiosk.evaluate("window.__cancelled") >= 1

    # Vietnamese: the Vietnamese voice, and the button is ready again when speech ends by itself.
    choose_language(kiosk, LANGUAGES["vi"])
    kiosk.get_by_role("button", name="Đọc to").click()
    spoken = kiosk.evaluate("window.__spoken")[-1]
    assert spoken["lang"] == "vi-VN" and spoken["voice"] == "Fake Tiếng Việt", spoken
    assert spoken["text"].startswith("Xin chào\n"), spoken
    kiosk.evaluate("speechSynthesis.finish()")
    expect(kiosk.get_by_role("button", name="Đọc to")).to_have_attribute("aria-pressed", "false")

    # Portuguese: this device has no such voice, and says so.
    choose_language(kiosk, LANGUAGES["pt"])
    kiosk.get_by_role("button", name="Ler em voz alta").click()
    expect(kiosk.get_by_test_id("read-aloud-message")).to_have_text(
        "Este aparelho não tem voz em português. Por favor, leia o texto na tela."
    )
    assert len(kiosk.evaluate("window.__spoken")) == 2


def test_the_clerk_sees_the_visits_language_and_the_kiosk_hears_the_call_through_live_regions(new_page, server):
    staff = staff_member(new_page, server, "窓口 通話", ["kenko-zoshin"])
    staff.get_by_role("button", name="受付を始める").click()
    kiosk = enrolled_kiosk(new_page, server, "移動市役所 10号車", "友部駅前")
    choose_language(kiosk, LANGUAGES["vi"])
    kiosk.get_by_role("button", name=service_name(kiosk, "vi")).first.click()
    ticket = kiosk.get_by_test_id("ticket-number").inner_text()

    # Staff screens speak only Japanese and English.
    expect(staff.locator(".language-switch button")).to_have_count(2)
    staff.get_by_role("button", name="次の方を受ける").click()
    expect(staff.get_by_role("heading", name=f"{ticket} 番の方と通話中")).to_be_visible()
    # The call screen names the citizen's language, in the clerk's own.
    expect(staff.get_by_text("ベトナム語", exact=False).first).to_be_visible()
    expect(kiosk.get_by_role("heading", level=1)).to_have_text("Quý vị có thể nói chuyện với 窓口 通話")

    # The call's state and the clerk's words reach the citizen through live regions.
    status = kiosk.get_by_role("status").filter(has=kiosk.locator(".call-status__dot"))
    expect(status).to_have_attribute("aria-live", "polite")
    # What a screen reader hears (the visible words are the same, without "Call:").
    expect(status.locator(".visually-hidden")).to_have_text("Cuộc gọi: Đã kết nối", timeout=20_000)
    staff.get_by_label("メッセージ").fill("Xin chào, tôi có thể giúp gì?")
    staff.get_by_label("メッセージ").press("Enter")
    log = kiosk.get_by_role("log")
    expect(log).to_have_attribute("aria-live", "polite")
    expect(log).to_contain_text("Xin chào, tôi có thể giúp gì?")
    check_screen(kiosk, "kiosk-call-vi")


def test_the_card_dialog_has_the_same_tools_and_reads_its_own_words(new_page, server):
    kiosk = enrolled_kiosk(new_page, server, "移動市役所 11号車", "友部駅前", init_script=FAKE_SPEECH)
    # 住民票の写しの請求 asks for an identity check; no card bridge runs here, which the dialog says.
    kiosk.get_by_role("button", name="住民票の写しの請求").first.click()
    expect(kiosk.get_by_role("heading", level=1)).to_have_text("順番をお待ちください")
    kiosk.get_by_role("button", name="カードで本人確認").click()
    dialog = kiosk.get_by_role("dialog", name="マイナンバーカードで本人確認")
    expect(dialog.get_by_role("heading", name="いまはカードを読み取れません")).to_be_visible()
    report = kiosk.evaluate(
        KANJI_REPORT.replace("document.querySelector('main')", "document.querySelector('.card-flow__body')")
    )
    assert report["kanji"] > 10 and report["bare"] == [], report
    check_screen(kiosk, "kiosk-card-unavailable-furigana")
    assert_kiosk_sizes(kiosk)

    dialog.get_by_role("button", name="読み上げ").click()
    text = kiosk.evaluate("window.__spoken")[-1]["text"]
    assert text.startswith("いまはカードを読み取れません\n"), text
    assert "順番をお待ちください" not in text, text  # the screen behind the dialog is not read

    dialog.get_by_role("button", name="ふりがな").click()
    expect(dialog.locator(".card-flow__body ruby")).to_have_count(0)
    expect(dialog.get_by_role("heading", name="いまはカードを読み取れません")).to_be_visible()
