"""Two laptops that each make "the next version" of one opportunity's quote offline: both quotes
reach the server and every laptop. The server takes the one it gets second under the next free
version (and number: …-Q2 → …-Q3) instead of refusing it on the opportunity's unique (opportunity,
version) — a quote is a document sent to a customer, neither may vanish — and the laptop that
made it follows, its own later versions moving up behind it. A real server process on 127.0.0.1
(SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import text

from minesales_desktop.db.engine import make_session_factory
from minesales_desktop.models.catalog import Product
from minesales_desktop.models.enums import ProductCategory, QuantityUnit
from minesales_desktop.services.sales import QuoteDTO, opportunities, quotes
from tests.sync.conftest import (
    Laptop,
    ServerProcess,
    as_user,
    new_customer,
    pull_only,
    server_rows,
    table_state,
)


def _product(laptop: Laptop) -> str:
    with make_session_factory(laptop.engine)() as session:
        product = Product(
            code="FE62", name_zh="62%铁矿粉", name_en="62% Fe fines",
            category=ProductCategory.FE_FINES, unit=QuantityUnit.WMT,
        )  # fmt: skip
        session.add(product)
        session.commit()
        return product.id


def _quote(laptop: Laptop, opp_id: str, product_id: str, price: str) -> QuoteDTO:
    values = {
        "opportunity_id": opp_id, "product_id": product_id, "quantity": "50000",
        "unit_price": price, "valid_until": dt.date.today() + dt.timedelta(days=14),
        "incoterm": "CFR", "port": "日照港",
    }  # fmt: skip
    with as_user(laptop) as (session, actor):
        return quotes.create(session, actor, values)


@dataclass
class _Deal:
    """A rep's opportunity with its first quote, on the rep's office laptop and on a laptop at
    the mine site (the rep's own, or the team manager's), both synced."""

    office: Laptop
    site: Laptop
    opp_id: str
    product_id: str
    prefix: str  # the quote number without its version: "OPP-…-Q"


def _deal(laptops, code: str, title: str, site_login: str = "rep1") -> _Deal:  # type: ignore[no-untyped-def]
    admin = laptops("admin")
    admin.sync()
    product_id = _product(admin)
    admin.sync()
    office, site = laptops("rep1", "office"), laptops(site_login, "mine-site")
    office.sync()
    customer = new_customer(office, code, owner=office.user_id(), name_zh="日照钢铁")
    with as_user(office) as (session, actor):
        opp_id = opportunities.create(session, actor, {"title": title, "customer_id": customer}).id
    first = _quote(office, opp_id, product_id, "780.00")
    office.sync()
    site.sync()
    assert _versions(site, opp_id) == [(1, first.quote_no, "780")]
    return _Deal(office, site, opp_id, product_id, first.quote_no.removesuffix("1"))


def _versions(laptop_or_server: Laptop | ServerProcess, opp_id: str) -> list[tuple[int, str, str]]:
    sql = (
        "SELECT version, quote_no, unit_price FROM quotes WHERE opportunity_id = :o"
        " ORDER BY version"
    )
    if hasattr(laptop_or_server, "db_url"):  # the server (conftest is imported twice by pytest)
        rows = server_rows(laptop_or_server, sql, o=opp_id)
    else:
        with laptop_or_server.engine.connect() as conn:
            rows = conn.execute(text(sql), {"o": opp_id}).all()
    # Money is stored in ten-thousandths (``db.types.Money``) on both sides.
    return [(int(v), str(n), str(Decimal(int(p)) / 10000)) for v, n, p in rows]


def test_two_laptops_quoting_one_opportunity_offline_keep_both_quotes(
    server: ServerProcess, laptops
) -> None:
    deal = _deal(laptops, "RZ-01", "2027年长协", site_login="mgr")  # the manager, at the mine
    office, site, opp_id, product_id = deal.office, deal.site, deal.opp_id, deal.product_id
    # Offline on both: the office makes version 2; the mine site makes version 2, then 3.
    office_v2 = _quote(office, opp_id, product_id, "775.00")
    site_v2 = _quote(site, opp_id, product_id, "772.00")
    site_v3 = _quote(site, opp_id, product_id, "770.00")
    assert office_v2.version == site_v2.version == 2 and site_v3.version == 3
    office.sync()
    report = site.sync()
    made = [(o.table, o.status) for o in report.outcomes if o.field == "*"]
    assert report.rejected == 0 and made == [("quotes", "merged")] * 2, report.outcomes
    office.sync()
    prefix = deal.prefix
    expected = [
        (1, f"{prefix}1", "780"),
        (2, f"{prefix}2", "775"),  # the office's, which the server got first
        (3, f"{prefix}3", "772"),  # the mine site's, in the order it made them
        (4, f"{prefix}4", "770"),
    ]
    assert _versions(server, opp_id) == expected
    assert _versions(site, opp_id) == expected
    assert _versions(office, opp_id) == expected
    for laptop in (office, site):
        assert laptop.client.rejected_changes(include_dismissed=True) == []
        assert laptop.client.pending_count() == 0
    # The mine site's inbox says which numbers moved and who made the version first — for the
    # second too, which gave way to the manager's own first one: the rep who made V2 — and
    # there is nothing to choose (keeping "mine" only closes the entry, the number stays).
    inbox = site.client.conflicts()
    assert [(c.table, c.field, c.kind, c.mine, c.theirs) for c in inbox] == [
        ("quotes", "quote_no", "renumbered", f"{prefix}2", f"{prefix}3"),
        ("quotes", "quote_no", "renumbered", f"{prefix}3", f"{prefix}4"),
    ]
    assert {c.their_user_name for c in inbox} == {"李强"}
    for c in inbox:
        site.client.resolve_conflict(c.id, "mine")
    assert site.client.conflicts() == [] and site.client.pending_count() == 0
    assert _versions(site, opp_id) == expected
    assert office.client.conflicts() == []
    assert table_state(site.engine, ["quotes"]) == table_state(office.engine, ["quotes"])


def test_a_pulled_version_moves_queued_ones_up_in_their_order(
    server: ServerProcess, laptops
) -> None:
    deal = _deal(laptops, "RZ-02", "2027年现货")
    office, site, opp_id, product_id = deal.office, deal.site, deal.opp_id, deal.product_id
    _quote(site, opp_id, product_id, "772.00")  # V2 and V3, queued on the mine site
    _quote(site, opp_id, product_id, "770.00")
    _quote(office, opp_id, product_id, "775.00")
    office.sync()  # the office's V2 reaches the server first
    pull_only(site)
    prefix = deal.prefix
    # The office's V2 is in; the site's own two moved up behind it, in the order made.
    assert _versions(site, opp_id) == [
        (1, f"{prefix}1", "780"), (2, f"{prefix}2", "775"),
        (4, f"{prefix}4", "772"), (5, f"{prefix}5", "770"),
    ]  # fmt: skip
    site.sync()
    office.sync()
    expected = [
        (1, f"{prefix}1", "780"), (2, f"{prefix}2", "775"),
        (3, f"{prefix}3", "772"), (4, f"{prefix}4", "770"),
    ]  # fmt: skip
    for side in (server, site, office):
        assert _versions(side, opp_id) == expected
    assert site.client.rejected_changes(include_dismissed=True) == []
