"""What the mine sells, its quality specifications, and the price indices it is priced against."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import Boolean, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from minesales_desktop.db.base import Base, SyncedMixin
from minesales_desktop.db.types import Money, Percent
from minesales_desktop.models.enums import (
    AnalyteBasis,
    Currency,
    ProductCategory,
    QuantityUnit,
    enum_type,
)


class PriceIndex(SyncedMixin, Base):
    __tablename__ = "price_indices"

    code: Mapped[str] = mapped_column(String(32), unique=True)
    name_zh: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200))
    publisher: Mapped[str | None] = mapped_column(String(100))
    currency: Mapped[Currency] = mapped_column(enum_type(Currency))
    unit: Mapped[str] = mapped_column(String(32))  # e.g. "USD/dmt", "CNY/t", "USD/t"
    description: Mapped[str | None] = mapped_column(Text)


class IndexQuote(SyncedMixin, Base):
    """One published price of an index on one day; entered by hand or imported from CSV."""

    __tablename__ = "index_quotes"

    index_id: Mapped[str] = mapped_column(ForeignKey("price_indices.id"))
    quote_date: Mapped[dt.date]
    price: Mapped[Decimal] = mapped_column(Money)

    __table_args__ = (UniqueConstraint("index_id", "quote_date"),)


class Product(SyncedMixin, Base):
    __tablename__ = "products"

    code: Mapped[str] = mapped_column(String(32), unique=True)
    name_zh: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200))
    category: Mapped[ProductCategory] = mapped_column(enum_type(ProductCategory))
    unit: Mapped[QuantityUnit] = mapped_column(enum_type(QuantityUnit))
    default_index_id: Mapped[str | None] = mapped_column(ForeignKey("price_indices.id"))
    hs_code: Mapped[str | None] = mapped_column(String(16))
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default="1")
    description: Mapped[str | None] = mapped_column(Text)

    specs: Mapped[list[QualitySpec]] = relationship(
        back_populates="product", order_by="QualitySpec.sort_order"
    )


class QualitySpec(SyncedMixin, Base):
    """One analyte of a product's specification: typical value, limits and reject limits."""

    __tablename__ = "quality_specs"

    product_id: Mapped[str] = mapped_column(ForeignKey("products.id"), index=True)
    analyte: Mapped[str] = mapped_column(String(16))  # Fe, SiO2, Al2O3, P, S, H2O, Cu, NAR...
    unit: Mapped[str] = mapped_column(String(16))  # %, kcal/kg, g/t, ppm
    basis: Mapped[AnalyteBasis] = mapped_column(enum_type(AnalyteBasis))
    typical: Mapped[Decimal | None] = mapped_column(Percent)
    min_value: Mapped[Decimal | None] = mapped_column(Percent)
    max_value: Mapped[Decimal | None] = mapped_column(Percent)
    reject_min: Mapped[Decimal | None] = mapped_column(Percent)
    reject_max: Mapped[Decimal | None] = mapped_column(Percent)
    sort_order: Mapped[int] = mapped_column(default=0)

    product: Mapped[Product] = relationship(back_populates="specs")

    __table_args__ = (UniqueConstraint("product_id", "analyte"),)
