"""Staff sign-in with passkeys, invitations, and the admin's staff screens, in a real browser."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import check_screen, copy_passkeys
from tests.browser.helpers import accept_invite, assert_no_horizontal_scroll, invite_link, signed_in_admin


def test_first_admin_registers_with_the_invite_link_signs_out_and_signs_in_again(new_page, server):
    page = new_page(authenticator=True)
    accept_invite(page, server.first_admin_invite, "事務室のパソコン", screen="staff-invite")
    expect(page.get_by_text("Administrator さんでサインインしています").first).to_be_visible()
    expect(page.get_by_role("link", name="管理画面を開く")).to_be_visible()
    check_screen(page, "staff-dashboard-admin")

    page.get_by_role("button", name="サインアウト", exact=True).click()
    expect(page.get_by_role("heading", name="サインイン")).to_be_visible()
    expect(page.get_by_role("status").filter(has_text="サインアウトしました。")).to_be_visible()
    check_screen(page, "staff-sign-in")

    # Signed out means signed out: a reload still shows the sign-in screen.
    page.reload()
    expect(page.get_by_role("heading", name="サインイン")).to_be_visible()

    page.get_by_role("button", name="パスキーでサインイン").click()
    expect(page.get_by_role("heading", name="ダッシュボード")).to_be_visible()
    expect(page.get_by_text("Administrator さんでサインインしています").first).to_be_visible()

    # Signed in on a second device too; "sign out everywhere" on the first ends both.
    second = new_page(authenticator=True)
    copy_passkeys(page, second)
    second.goto("/staff/")
    second.get_by_role("button", name="パスキーでサインイン").click()
    expect(second.get_by_role("heading", name="ダッシュボード")).to_be_visible()
    page.get_by_role("button", name="すべての端末でサインアウト").click()
    expect(page.get_by_role("heading", name="サインイン")).to_be_visible()
    second.reload()
    expect(second.get_by_role("heading", name="サインイン")).to_be_visible()

    # The same link cannot be used twice.
    other = new_page(authenticator=True)
    other.goto(server.first_admin_invite)
    expect(other.get_by_text("この招待リンクは使用済みか、有効期限が切れています。")).to_be_visible()
    check_screen(other, "staff-invite-used")


def test_admin_invites_a_staff_member_who_registers_and_sees_their_counters(new_page, server):
    admin = signed_in_admin(new_page, server, "管理 花子")
    check_screen(admin, "admin-staff")

    admin.get_by_role("link", name="職員を招待").click()
    expect(admin.get_by_role("heading", name="職員を招待")).to_be_visible()
    check_screen(admin, "admin-invite")

    # Forgetting the name is pointed out politely, next to the field.
    admin.get_by_role("button", name="招待リンクを作る").click()
    expect(admin.get_by_role("alert")).to_contain_text("表示名を入力してください。")
    expect(admin.get_by_label("表示名")).to_have_attribute("aria-invalid", "true")
    check_screen(admin, "admin-invite-error")

    admin.get_by_label("表示名").fill("鈴木 一郎")
    admin.get_by_label("職員", exact=True).check()
    admin.get_by_label("健康増進課").check()
    admin.get_by_label("子ども育成支援課").check()
    admin.get_by_role("button", name="招待リンクを作る").click()
    expect(admin.get_by_role("heading", name="招待リンクを作りました")).to_be_visible()
    check_screen(admin, "admin-invite-created")
    url = invite_link(admin.locator("#invite-url").inner_text())

    staff = new_page(authenticator=True)
    accept_invite(staff, url, "窓口のパソコン")
    counters = staff.locator(".dashboard-counters")
    expect(counters).to_contain_text("健康増進課")
    expect(counters).to_contain_text("子ども育成支援課")
    expect(staff.get_by_text("職員", exact=True)).to_be_visible()
    check_screen(staff, "staff-dashboard")
    assert_no_horizontal_scroll(staff)

    # A staff member is not an administrator.
    staff.goto("/admin/")
    expect(staff.get_by_text("この画面は管理者だけが使えます。")).to_be_visible()
    staff.goto("/staff/")
    expect(staff.get_by_role("heading", name="ダッシュボード")).to_be_visible()

    # The admin sees the new member with a passkey and a session, and ends that session.
    admin.get_by_role("link", name="職員", exact=True).click()
    card = admin.locator("article.staff-member", has=admin.get_by_role("heading", name="鈴木 一郎"))
    expect(card).to_contain_text("窓口のパソコン")
    card.get_by_role("button", name="このセッションを終了").first.click()
    expect(card.get_by_text("このセッションを終了しますか？")).to_be_visible()
    card.get_by_role("button", name="このセッションを終了").click()
    expect(card.locator("li.session")).to_have_count(0)

    # The staff member's next request finds the session gone and lands on sign-in, told why.
    staff.get_by_role("button", name="別のパスキーを追加する").click()
    expect(staff.get_by_role("heading", name="サインイン")).to_be_visible()
    expect(staff.get_by_text("サインインの有効期限が切れたか、別の場所でサインアウトされました。")).to_be_visible()
    check_screen(staff, "staff-sign-in-expired")

    # Revoking the passkey: it is gone from the list.
    card.get_by_role("button", name="窓口のパソコン を取り消す").click()
    card.get_by_role("button", name="窓口のパソコン を取り消す").click()
    expect(card.locator("li.passkey")).to_have_count(0)
    assert_no_horizontal_scroll(admin)


def test_english_staff_screens(new_page, server):
    admin = signed_in_admin(new_page, server, "Admin English")
    admin.get_by_role("button", name="English", exact=True).click()
    expect(admin.get_by_role("heading", name="Staff", exact=True)).to_be_visible()
    expect(admin.locator("html")).to_have_attribute("lang", "en")
    check_screen(admin, "admin-staff-en")
