"""Two laptops that each draw "the next lot" against one contract offline: both lots reach the
server and every laptop. The server takes the one it gets second under the next free lot number
(…-L01 → …-L02) instead of refusing it on the contract's unique (contract, lot number) — a lot
is a shipment on its way, it may not vanish into the rejected list — and the laptop that made it
follows, its own later lots moving up behind it. A real server process on 127.0.0.1 (SQLite and
PostgreSQL)."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import text

from minesales_desktop.services.contracts import ShipmentDTO, shipments
from tests.sync.conftest import (
    Laptop,
    ServerProcess,
    as_user,
    new_customer,
    pull_only,
    server_rows,
)


def _signed_contract(laptop: Laptop, customer_id: str) -> str:
    laptop.sql(
        "INSERT INTO products (id, code, name_zh, name_en, category, unit, active, created_at,"
        " updated_at, is_deleted) VALUES ('p-lot', 'FE62', '铁粉', 'Fe fines', 'FE_FINES', 'WMT',"
        " 1, '2026-01-01 00:00:00.000000', '2026-01-01 00:00:00.000000', 0)"
    )
    laptop.sql(
        "INSERT INTO contracts (id, contract_no, customer_id, product_id, contract_type, status,"
        " start_date, end_date, quantity, quantity_unit, tolerance_pct, tolerance_option,"
        " incoterm, currency, fx_rate, vat_rate, vat_included, pricing_method, price_terms,"
        " unit_price, total_value, payment_method, provisional_pct, credit_days, created_at,"
        " updated_at, is_deleted) VALUES ('k-lot', 'HT-2026-007', :c, 'p-lot', 'SPOT', 'SIGNED',"
        " '2026-01-01', '2026-12-31', 50000000, 'WMT', 100000, 'SELLER', 'CFR', 'USD', 7100000,"
        " 130000, 1, 'FIXED', '{}', 1000000, 50000000000, 'LC', 900000, 0,"
        " '2026-01-01 00:00:00.000000', '2026-01-01 00:00:00.000000', 0)",
        c=customer_id,
    )
    return "k-lot"


def _lot(laptop: Laptop, contract_id: str, tonnes: str, vessel: str) -> ShipmentDTO:
    values = {"quantity_wmt": tonnes, "vessel_or_vehicle": vessel}
    with as_user(laptop) as (session, actor):
        return shipments.add_shipment(session, actor, contract_id, values)


def _lots(where: Laptop | ServerProcess, contract_id: str) -> list[tuple[str, str, Decimal]]:
    sql = (
        "SELECT lot_no, vessel_or_vehicle, quantity_wmt FROM shipments WHERE contract_id = :k"
        " ORDER BY lot_no"
    )
    if hasattr(where, "db_url"):  # the server
        rows = server_rows(where, sql, k=contract_id)
    else:
        with where.engine.connect() as conn:
            rows = conn.execute(text(sql), {"k": contract_id}).all()
    # Quantities are stored in thousandths (``db.types.Quantity``) on both sides.
    return [(str(n), str(v), Decimal(int(q)) / 1000) for n, v, q in rows]


def test_two_laptops_drawing_lots_offline_keep_every_lot(server: ServerProcess, laptops) -> None:
    office, site = laptops("rep1", "office"), laptops("mgr", "mine-site")
    site.sync()  # the manager sets the deal up (a rep may not add products)
    customer = new_customer(site, "LOT-1", owner=site.user_id("rep1"), name_zh="日照钢铁")
    contract = _signed_contract(site, customer)
    assert site.sync().rejected == 0
    office.sync()
    # Offline on both: the office draws one lot; the mine site draws two.
    assert _lot(office, contract, "3000", "远洋之星").lot_no == "HT-2026-007-L01"
    assert _lot(site, contract, "2000", "海丰号").lot_no == "HT-2026-007-L01"
    assert _lot(site, contract, "1000", "海盛号").lot_no == "HT-2026-007-L02"
    office.sync()
    report = site.sync()
    made = [(o.table, o.status) for o in report.outcomes if o.field == "*"]
    assert report.rejected == 0 and made.count(("shipments", "merged")) == 2, report.outcomes
    office.sync()
    expected = [
        ("HT-2026-007-L01", "远洋之星", Decimal(3000)),  # the office's, which the server got first
        ("HT-2026-007-L02", "海丰号", Decimal(2000)),  # the mine site's, in the order it drew them
        ("HT-2026-007-L03", "海盛号", Decimal(1000)),
    ]
    assert _lots(server, contract) == expected
    assert _lots(site, contract) == expected
    assert _lots(office, contract) == expected
    for laptop in (office, site):
        assert laptop.client.rejected_changes(include_dismissed=True) == []
        assert laptop.client.pending_count() == 0
        status = laptop.sql("SELECT status FROM contracts WHERE id = :k", k=contract)
        assert status == [("EXECUTING",)]
    # The mine site's inbox: which lot numbers moved, and who drew the number first.
    inbox = site.client.conflicts()
    assert [(c.table, c.field, c.kind, c.mine, c.theirs) for c in inbox] == [
        ("shipments", "lot_no", "renumbered", "HT-2026-007-L01", "HT-2026-007-L02"),
        ("shipments", "lot_no", "renumbered", "HT-2026-007-L02", "HT-2026-007-L03"),
    ]
    assert {c.their_user_name for c in inbox} == {"李强"}
    assert office.client.conflicts() == []
    # The next lot, wherever it is drawn, follows on.
    assert _lot(office, contract, "500", "远洋之光").lot_no == "HT-2026-007-L04"


def test_a_pulled_lot_moves_queued_ones_up_in_their_order(server: ServerProcess, laptops) -> None:
    office, site, contract = _set_up(laptops, "LOT-3")
    _lot(site, contract, "2000", "海丰号")  # L01 and L02, queued on the mine site
    _lot(site, contract, "1000", "海盛号")
    _lot(office, contract, "3000", "远洋之星")
    office.sync()  # the office's L01 reaches the server first
    pull_only(site)
    # The office's L01 is in; the site's own two moved up behind it, in the order drawn.
    assert [(n, v) for n, v, _q in _lots(site, contract)] == [
        ("HT-2026-007-L01", "远洋之星"), ("HT-2026-007-L03", "海丰号"),
        ("HT-2026-007-L04", "海盛号"),
    ]  # fmt: skip
    site.sync()
    office.sync()
    expected = [
        ("HT-2026-007-L01", "远洋之星"), ("HT-2026-007-L02", "海丰号"),
        ("HT-2026-007-L03", "海盛号"),
    ]  # fmt: skip
    for side in (server, site, office):
        assert [(n, v) for n, v, _q in _lots(side, contract)] == expected
    assert site.client.rejected_changes(include_dismissed=True) == []


def _set_up(laptops, code: str, contract_no: str = "HT-2026-007"):  # type: ignore[no-untyped-def]
    """The office (the rep) and the mine site (the manager), both synced with a signed contract
    the manager set up (a rep may not add products)."""
    office, site = laptops("rep1", "office"), laptops("mgr", "mine-site")
    site.sync()
    customer = new_customer(site, code, owner=site.user_id("rep1"))
    contract = _signed_contract(site, customer)
    if contract_no != "HT-2026-007":
        site.sql("UPDATE contracts SET contract_no = :n WHERE id = :k", n=contract_no, k=contract)
    site.sync()
    office.sync()
    return office, site, contract


def _typed_lot(laptop: Laptop, contract_id: str, lot_no: str) -> None:
    values = {"quantity_wmt": "1000", "lot_no": lot_no}
    with as_user(laptop) as (session, actor):
        shipments.add_shipment(session, actor, contract_id, values)


def _moved_up_by_a_pull(laptops, code: str):  # type: ignore[no-untyped-def]
    """The mine site draws L01 and types …-L05 (a gap); the office's L01 reaches the server
    first and the site pulls it: its own two queued lots move up (L06, L07)."""
    office, site, contract = _set_up(laptops, code)
    _lot(site, contract, "2000", "海丰号")
    _typed_lot(site, contract, "HT-2026-007-L05")
    _lot(office, contract, "3000", "远洋之星")
    office.sync()
    pull_only(site)
    assert [n for n, _v, _q in _lots(site, contract)] == [
        "HT-2026-007-L01", "HT-2026-007-L06", "HT-2026-007-L07",
    ]  # fmt: skip
    return office, site, contract


def test_a_moved_lot_the_server_takes_as_sent_gets_its_number_back(
    server: ServerProcess, laptops
) -> None:
    """A gap: the mine site's second lot was typed as …-L05. A pulled L01 moves both of its
    queued lots up (L06, L07); the server renumbers the first (L01 is taken there) but takes
    L05 as sent (free there): the laptop gives it L05 back — every replica the same."""
    office, site, contract = _moved_up_by_a_pull(laptops, "LOT-4")
    site.sync()
    office.sync()
    expected = ["HT-2026-007-L01", "HT-2026-007-L02", "HT-2026-007-L05"]
    for side in (server, site, office):
        assert [n for n, _v, _q in _lots(side, contract)] == expected
    assert site.client.pending_count() == 0
    assert [c.theirs for c in site.client.conflicts()] == ["HT-2026-007-L02"]


def test_a_lot_number_corrected_before_the_sync_is_kept(server: ServerProcess, laptops) -> None:
    """No renumbering: a lot drawn offline, its number then corrected to the B/L number. The
    new row goes with the drawn number and the correction as an edit of its own; the laptop must
    not give the row its drawn number back (review)."""
    office, site, contract = _set_up(laptops, "LOT-6")
    lot = _lot(site, contract, "2000", "海丰号")
    with as_user(site) as (session, actor):
        shipments.update(session, actor, lot.id, {"lot_no": "COSU6123456789"})
    site.sync()
    office.sync()
    for side in (server, site, office):
        assert [n for n, _v, _q in _lots(side, contract)] == ["COSU6123456789"]


def test_a_number_given_back_does_not_clash_with_one_renumbered_in_the_same_answer(
    server: ServerProcess, laptops
) -> None:
    """After the pull moved X (L01) and Y (typed L05) up, the rep types a new lot Z as L05. At
    the push the server takes Y as L05 (free there) and renumbers Z (L05 is Y's now) to L06:
    Z steps aside before Y gets L05 back, and every replica ends the same (review)."""
    office, site, contract = _moved_up_by_a_pull(laptops, "LOT-7")
    _typed_lot(site, contract, "HT-2026-007-L05")
    site.sync()
    office.sync()
    expected = _lots(server, contract)
    assert [n for n, _v, _q in expected] == [
        "HT-2026-007-L01", "HT-2026-007-L02", "HT-2026-007-L05", "HT-2026-007-L06",
    ]  # fmt: skip
    assert _lots(site, contract) == expected and _lots(office, contract) == expected


def test_a_lot_number_outside_the_apps_numbering_is_still_refused_on_a_clash(
    server: ServerProcess, laptops
) -> None:
    """A number the app did not make — here a B/L number, digits at its end — is not a counter:
    two laptops that enter the same one made the same lot twice, and the second is refused (and
    listed with its reason) as before, never kept under an invented number."""
    office, site, contract = _set_up(laptops, "LOT-2")
    for laptop in (office, site):
        _typed_lot(laptop, contract, "COSU6123456789")
    office.sync()
    report = site.sync()
    assert report.rejected == 1
    assert [r.table for r in site.client.rejected_changes()] == ["shipments"]
    assert [n for n, _v, _q in _lots(server, contract)] == ["COSU6123456789"]


def test_a_renumbered_lot_number_that_would_not_fit_is_refused(
    server: ServerProcess, laptops
) -> None:
    """…-L99 → …-L100 on a 36-character contract number is 41 characters, one more than a lot
    number holds: refused with its reason (PostgreSQL would refuse the insert), not a failed
    push that blocks the laptop."""
    long_no = "HT-2026-" + "7" * 28
    office, site, contract = _set_up(laptops, "LOT-5", long_no)
    for laptop in (office, site):
        _typed_lot(laptop, contract, f"{long_no}-L99")
    office.sync()
    report = site.sync()
    assert report.rejected == 1 and site.client.pending_count() == 0
    assert [n for n, _v, _q in _lots(server, contract)] == [f"{long_no}-L99"]
