"""Core schema: every table of the domain model (DESIGN.md §4).

Revision ID: 0001
Revises:
Create Date: 2026-11-27 03:24:42.964911
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "teams",
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("region", sa.String(length=100), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("is_deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("owner_id", sa.String(length=36), nullable=True),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["users.id"], name=op.f("fk_teams_owner_id_users"), use_alter=True
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_teams")),
        sa.UniqueConstraint("name", name=op.f("uq_teams_name")),
    )
    with op.batch_alter_table("teams", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_teams_owner_id"), ["owner_id"], unique=False)

    op.create_table(
        "users",
        sa.Column("login", sa.String(length=64), nullable=False),
        sa.Column("full_name", sa.String(length=100), nullable=False),
        sa.Column("full_name_en", sa.String(length=100), nullable=True),
        sa.Column("employee_no", sa.String(length=32), nullable=True),
        sa.Column(
            "role",
            sa.Enum(
                "REP",
                "MANAGER",
                "SERVICE",
                "ADMIN",
                name="role",
                native_enum=False,
                create_constraint=True,
                length=11,
            ),
            nullable=False,
        ),
        sa.Column("team_id", sa.String(length=36), nullable=True),
        sa.Column("manager_id", sa.String(length=36), nullable=True),
        sa.Column("position", sa.String(length=100), nullable=True),
        sa.Column("territory", sa.String(length=200), nullable=True),
        sa.Column("phone", sa.String(length=32), nullable=True),
        sa.Column("email", sa.String(length=200), nullable=True),
        sa.Column("password_hash", sa.String(length=200), nullable=True),
        sa.Column("active", sa.Boolean(), server_default="1", nullable=False),
        sa.Column("hired_on", sa.Date(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("is_deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("owner_id", sa.String(length=36), nullable=True),
        sa.ForeignKeyConstraint(
            ["manager_id"], ["users.id"], name=op.f("fk_users_manager_id_users")
        ),
        sa.ForeignKeyConstraint(["owner_id"], ["users.id"], name=op.f("fk_users_owner_id_users")),
        sa.ForeignKeyConstraint(["team_id"], ["teams.id"], name=op.f("fk_users_team_id_teams")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("employee_no", name=op.f("uq_users_employee_no")),
        sa.UniqueConstraint("login", name=op.f("uq_users_login")),
    )
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_users_manager_id"), ["manager_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_users_owner_id"), ["owner_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_users_team_id"), ["team_id"], unique=False)

    op.create_table(
        "appraisals",
        sa.Column("user_id", sa.String(length=36), nullable=False),
        sa.Column(
            "period_type",
            sa.Enum(
                "MONTH",
                "QUARTER",
                "YEAR",
                name="period_type",
                native_enum=False,
                create_constraint=True,
                length=11,
            ),
            nullable=False,
        ),
        sa.Column("period", sa.String(length=10), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "DRAFT",
                "SELF",
                "MANAGER",
                "CONFIRMED",
                name="status",
                native_enum=False,
                create_constraint=True,
                length=13,
            ),
            nullable=False,
        ),
        sa.Column("appraiser_id", sa.String(length=36), nullable=True),
        sa.Column("self_assessment", sa.Text(), nullable=True),
        sa.Column("manager_comments", sa.Text(), nullable=True),
        sa.Column("improvement_plan", sa.Text(), nullable=True),
        sa.Column("total_score", sa.BigInteger(), nullable=True),
        sa.Column("grade", sa.String(length=4), nullable=True),
        sa.Column("confirmed_at", sa.DateTime(), nullable=True),
        sa.Column("snapshot", sa.Text(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("is_deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("owner_id", sa.String(length=36), nullable=True),
        sa.ForeignKeyConstraint(
            ["appraiser_id"], ["users.id"], name=op.f("fk_appraisals_appraiser_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["users.id"], name=op.f("fk_appraisals_owner_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_appraisals_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_appraisals")),
        sa.UniqueConstraint("user_id", "period", name=op.f("uq_appraisals_user_id_period")),
    )
    with op.batch_alter_table("appraisals", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_appraisals_owner_id"), ["owner_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_appraisals_user_id"), ["user_id"], unique=False)

    op.create_table(
        "customers",
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("name_zh", sa.String(length=200), nullable=False),
        sa.Column("name_en", sa.String(length=200), nullable=True),
        sa.Column("short_name", sa.String(length=50), nullable=True),
        sa.Column("uscc", sa.String(length=18), nullable=True),
        sa.Column(
            "customer_type",
            sa.Enum(
                "STEEL_MILL",
                "CU_SMELTER",
                "ZN_PB_SMELTER",
                "POWER_PLANT",
                "CEMENT_PLANT",
                "COKING_PLANT",
                "TRADER",
                "CONSTRUCTION",
                name="customer_type",
                native_enum=False,
                create_constraint=True,
                length=17,
            ),
            nullable=False,
        ),
        sa.Column("province", sa.String(length=50), nullable=True),
        sa.Column("city", sa.String(length=50), nullable=True),
        sa.Column("address", sa.String(length=300), nullable=True),
        sa.Column("port", sa.String(length=50), nullable=True),
        sa.Column(
            "tier",
            sa.Enum(
                "A",
                "B",
                "C",
                "D",
                name="tier",
                native_enum=False,
                create_constraint=True,
                length=5,
            ),
            nullable=False,
        ),
        sa.Column(
            "status",
            sa.Enum(
                "PROSPECT",
                "ACTIVE",
                "DORMANT",
                "BLACKLISTED",
                name="status",
                native_enum=False,
                create_constraint=True,
                length=15,
            ),
            nullable=False,
        ),
        sa.Column("website", sa.String(length=200), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("is_deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("owner_id", sa.String(length=36), nullable=True),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["users.id"], name=op.f("fk_customers_owner_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_customers")),
        sa.UniqueConstraint("code", name=op.f("uq_customers_code")),
        sa.UniqueConstraint("uscc", name=op.f("uq_customers_uscc")),
    )
    with op.batch_alter_table("customers", schema=None) as batch_op:
        batch_op.create_index(
            "ix_customers_filter", ["customer_type", "province", "tier", "status"], unique=False
        )
        batch_op.create_index("ix_customers_name_zh", ["name_zh"], unique=False)
        batch_op.create_index(batch_op.f("ix_customers_owner_id"), ["owner_id"], unique=False)

    op.create_table(
        "feedback",
        sa.Column("author_id", sa.String(length=36), nullable=True),
        sa.Column(
            "category",
            sa.Enum(
                "PROCESS",
                "PRODUCT",
                "CUSTOMER",
                "TOOLS",
                "OTHER",
                name="category",
                native_enum=False,
                create_constraint=True,
                length=12,
            ),
            nullable=False,
        ),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "NEW",
                "UNDER_REVIEW",
                "ACCEPTED",
                "DECLINED",
                "DONE",
                name="status",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("answer", sa.Text(), nullable=True),
        sa.Column("answered_by_id", sa.String(length=36), nullable=True),
        sa.Column("answered_at", sa.DateTime(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("is_deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("owner_id", sa.String(length=36), nullable=True),
        sa.ForeignKeyConstraint(
            ["answered_by_id"], ["users.id"], name=op.f("fk_feedback_answered_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["author_id"], ["users.id"], name=op.f("fk_feedback_author_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["users.id"], name=op.f("fk_feedback_owner_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feedback")),
    )
    with op.batch_alter_table("feedback", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_feedback_owner_id"), ["owner_id"], unique=False)

    op.create_table(
        "kpi_definitions",
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("name_zh", sa.String(length=100), nullable=False),
        sa.Column("name_en", sa.String(length=100), nullable=False),
        sa.Column("dimension_zh", sa.String(length=50), nullable=False),
        sa.Column("dimension_en", sa.String(length=50), nullable=False),
        sa.Column("definition_zh", sa.Text(), nullable=False),
        sa.Column("definition_en", sa.Text(), nullable=False),
        sa.Column("unit", sa.String(length=16), nullable=False),
        sa.Column(
            "direction",
            sa.Enum(
                "HIGHER_BETTER",
                "LOWER_BETTER",
                name="direction",
                native_enum=False,
                create_constraint=True,
                length=17,
            ),
            nullable=False,
        ),
        sa.Column("weight", sa.BigInteger(), nullable=False),
        sa.Column(
            "source",
            sa.Enum(
                "AUTO",
                "MANUAL",
                name="source",
                native_enum=False,
                create_constraint=True,
                length=10,
            ),
            nullable=False,
        ),
        sa.Column(
            "scoring_rule",
            sa.Enum(
                "LINEAR_CAP",
                "TIERED",
                "DEDUCTION",
                name="scoring_rule",
                native_enum=False,
                create_constraint=True,
                length=14,
            ),
            nullable=False,
        ),
        sa.Column("scoring_params", sa.Text(), nullable=False),
        sa.Column("active", sa.Boolean(), server_default="1", nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("is_deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("owner_id", sa.String(length=36), nullable=True),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["users.id"], name=op.f("fk_kpi_definitions_owner_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kpi_definitions")),
        sa.UniqueConstraint("code", name=op.f("uq_kpi_definitions_code")),
    )
    with op.batch_alter_table("kpi_definitions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_kpi_definitions_owner_id"), ["owner_id"], unique=False)

    op.create_table(
        "meetings",
        sa.Column(
            "kind",
            sa.Enum(
                "TEAM",
                "ONE_TO_ONE",
                name="kind",
                native_enum=False,
                create_constraint=True,
                length=14,
            ),
            nullable=False,
        ),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("held_at", sa.DateTime(), nullable=False),
        sa.Column("team_id", sa.String(length=36), nullable=True),
        sa.Column("with_user_id", sa.String(length=36), nullable=True),
        sa.Column("minutes", sa.Text(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("is_deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("owner_id", sa.String(length=36), nullable=True),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["users.id"], name=op.f("fk_meetings_owner_id_users")
        ),
        sa.ForeignKeyConstraint(["team_id"], ["teams.id"], name=op.f("fk_meetings_team_id_teams")),
        sa.ForeignKeyConstraint(
            ["with_user_id"], ["users.id"], name=op.f("fk_meetings_with_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meetings")),
    )
    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_meetings_held_at"), ["held_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_meetings_owner_id"), ["owner_id"], unique=False)

    op.create_table(
        "ownership_changes",
        sa.Column("entity_type", sa.String(length=32), nullable=False),
        sa.Column("entity_id", sa.String(length=36), nullable=False),
        sa.Column("from_user_id", sa.String(length=36), nullable=True),
        sa.Column("to_user_id", sa.String(length=36), nullable=False),
        sa.Column("changed_by_id", sa.String(length=36), nullable=True),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("is_deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("owner_id", sa.String(length=36), nullable=True),
        sa.ForeignKeyConstraint(
            ["changed_by_id"], ["users.id"], name=op.f("fk_ownership_changes_changed_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["from_user_id"], ["users.id"], name=op.f("fk_ownership_changes_from_user_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["users.id"], name=op.f("fk_ownership_changes_owner_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["to_user_id"], ["users.id"], name=op.f("fk_ownership_changes_to_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ownership_changes")),
    )
    with op.batch_alter_table("ownership_changes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_ownership_changes_entity_id"), ["entity_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_ownership_changes_owner_id"), ["owner_id"], unique=False
        )

    op.create_table(
        "price_indices",
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("name_zh", sa.String(length=200), nullable=False),
        sa.Column("name_en", sa.String(length=200), nullable=False),
        sa.Column("publisher", sa.String(length=100), nullable=True),
        sa.Column(
            "currency",
            sa.Enum(
                "CNY", "USD", name="currency", native_enum=False, create_constraint=True, length=7
            ),
            nullable=False,
        ),
        sa.Column("unit", sa.String(length=32), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("is_deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("owner_id", sa.String(length=36), nullable=True),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["users.id"], name=op.f("fk_price_indices_owner_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_price_indices")),
        sa.UniqueConstraint("code", name=op.f("uq_price_indices_code")),
    )
    with op.batch_alter_table("price_indices", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_price_indices_owner_id"), ["owner_id"], unique=False)

    op.create_table(
        "trainings",
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "INTERNAL",
                "EXTERNAL",
                name="kind",
                native_enum=False,
                create_constraint=True,
                length=12,
            ),
            nullable=False,
        ),
        sa.Column("provider", sa.String(length=200), nullable=True),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("hours", sa.BigInteger(), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("is_deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("owner_id", sa.String(length=36), nullable=True),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["users.id"], name=op.f("fk_trainings_owner_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_trainings")),
    )
    with op.batch_alter_table("trainings", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_trainings_held_on"), ["held_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_trainings_owner_id"), ["owner_id"], unique=False)

    op.create_table(
        "appraisal_lines",
        sa.Column("appraisal_id", sa.String(length=36), nullable=False),
        sa.Column("kpi_id", sa.String(length=36), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("weight", sa.BigInteger(), nullable=False),
        sa.Column("target", sa.BigInteger(), nullable=True),
        sa.Column("actual", sa.BigInteger(), nullable=True),
        sa.Column("completion_pct", sa.BigInteger(), nullable=True),
        sa.Column("self_score", sa.BigInteger(), nullable=True),
        sa.Column("manager_score", sa.BigInteger(), nullable=True),
        sa.Column("weighted_score", sa.BigInteger(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("is_deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("owner_id", sa.String(length=36), nullable=True),
        sa.ForeignKeyConstraint(
            ["appraisal_id"],
            ["appraisals.id"],
            name=op.f("fk_appraisal_lines_appraisal_id_appraisals"),
        ),
        sa.ForeignKeyConstraint(
            ["kpi_id"],
            ["kpi_definitions.id"],
            name=op.f("fk_appraisal_lines_kpi_id_kpi_definitions"),
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["users.id"], name=op.f("fk_appraisal_lines_owner_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_appraisal_lines")),
        sa.UniqueConstraint(
            "appraisal_id", "kpi_id", name=op.f("uq_appraisal_lines_appraisal_id_kpi_id")
        ),
    )
    with op.batch_alter_table("appraisal_lines", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_appraisal_lines_appraisal_id"), ["appraisal_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_appraisal_lines_owner_id"), ["owner_id"], unique=False)

    op.create_table(
        "contacts",
        sa.Column("customer_id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("title", sa.String(length=100), nullable=True),
        sa.Column("department", sa.String(length=100), nullable=True),
        sa.Column(
            "decision_role",
            sa.Enum(
                "DECISION_MAKER",
                "INFLUENCER",
                "PURCHASER",
                "TECHNICAL",
                "FINANCE",
                "USER",
                name="decision_role",
                native_enum=False,
                create_constraint=True,
                length=18,
            ),
            nullable=True,
        ),
        sa.Column("phone", sa.String(length=32), nullable=True),
        sa.Column("mobile", sa.String(length=32), nullable=True),
        sa.Column("wechat", sa.String(length=64), nullable=True),
        sa.Column("email", sa.String(length=200), nullable=True),
        sa.Column("is_primary", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("is_deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("owner_id", sa.String(length=36), nullable=True),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_contacts_customer_id_customers")
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["users.id"], name=op.f("fk_contacts_owner_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contacts")),
    )
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_contacts_customer_id"), ["customer_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_contacts_mobile"), ["mobile"], unique=False)
        batch_op.create_index(batch_op.f("ix_contacts_owner_id"), ["owner_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_contacts_phone"), ["phone"], unique=False)

    op.create_table(
        "credit_profiles",
        sa.Column("customer_id", sa.String(length=36), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column(
            "rating",
            sa.Enum(
                "AAA",
                "AA",
                "A",
                "BBB",
                "BB",
                "B",
                "C",
                "D",
                name="rating",
                native_enum=False,
                create_constraint=True,
                length=7,
            ),
            nullable=False,
        ),
        sa.Column("credit_limit", sa.BigInteger(), nullable=False),
        sa.Column(
            "currency",
            sa.Enum(
                "CNY", "USD", name="currency", native_enum=False, create_constraint=True, length=7
            ),
            nullable=False,
        ),
        sa.Column("credit_days", sa.Integer(), nullable=False),
        sa.Column(
            "security",
            sa.Enum(
                "NONE",
                "LC",
                "BANK_GUARANTEE",
                "PARENT_GUARANTEE",
                "DEPOSIT",
                "CREDIT_INSURANCE",
                name="security",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("reviewed_on", sa.Date(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("is_deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("owner_id", sa.String(length=36), nullable=True),
        sa.CheckConstraint("credit_days >= 0", name=op.f("ck_credit_profiles_credit_days_nonneg")),
        sa.CheckConstraint("score BETWEEN 0 AND 100", name=op.f("ck_credit_profiles_score_range")),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_credit_profiles_customer_id_customers")
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["users.id"], name=op.f("fk_credit_profiles_owner_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_credit_profiles")),
        sa.UniqueConstraint("customer_id", name=op.f("uq_credit_profiles_customer_id")),
    )
    with op.batch_alter_table("credit_profiles", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_credit_profiles_owner_id"), ["owner_id"], unique=False)

    op.create_table(
        "index_quotes",
        sa.Column("index_id", sa.String(length=36), nullable=False),
        sa.Column("quote_date", sa.Date(), nullable=False),
        sa.Column("price", sa.BigInteger(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("is_deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("owner_id", sa.String(length=36), nullable=True),
        sa.ForeignKeyConstraint(
            ["index_id"], ["price_indices.id"], name=op.f("fk_index_quotes_index_id_price_indices")
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["users.id"], name=op.f("fk_index_quotes_owner_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_index_quotes")),
        sa.UniqueConstraint(
            "index_id", "quote_date", name=op.f("uq_index_quotes_index_id_quote_date")
        ),
    )
    with op.batch_alter_table("index_quotes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_index_quotes_owner_id"), ["owner_id"], unique=False)

    op.create_table(
        "kpi_targets",
        sa.Column("kpi_id", sa.String(length=36), nullable=False),
        sa.Column("user_id", sa.String(length=36), nullable=False),
        sa.Column(
            "period_type",
            sa.Enum(
                "MONTH",
                "QUARTER",
                "YEAR",
                name="period_type",
                native_enum=False,
                create_constraint=True,
                length=11,
            ),
            nullable=False,
        ),
        sa.Column("period", sa.String(length=10), nullable=False),
        sa.Column("target_value", sa.BigInteger(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("is_deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("owner_id", sa.String(length=36), nullable=True),
        sa.ForeignKeyConstraint(
            ["kpi_id"], ["kpi_definitions.id"], name=op.f("fk_kpi_targets_kpi_id_kpi_definitions")
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["users.id"], name=op.f("fk_kpi_targets_owner_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_kpi_targets_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kpi_targets")),
        sa.UniqueConstraint(
            "kpi_id", "user_id", "period", name=op.f("uq_kpi_targets_kpi_id_user_id_period")
        ),
    )
    with op.batch_alter_table("kpi_targets", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_kpi_targets_owner_id"), ["owner_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_kpi_targets_user_id"), ["user_id"], unique=False)

    op.create_table(
        "meeting_action_items",
        sa.Column("meeting_id", sa.String(length=36), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("assignee_id", sa.String(length=36), nullable=True),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "OPEN",
                "DONE",
                "CANCELLED",
                name="status",
                native_enum=False,
                create_constraint=True,
                length=13,
            ),
            nullable=False,
        ),
        sa.Column("done_at", sa.DateTime(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("is_deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("owner_id", sa.String(length=36), nullable=True),
        sa.ForeignKeyConstraint(
            ["assignee_id"], ["users.id"], name=op.f("fk_meeting_action_items_assignee_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meetings.id"],
            name=op.f("fk_meeting_action_items_meeting_id_meetings"),
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["users.id"], name=op.f("fk_meeting_action_items_owner_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_action_items")),
    )
    with op.batch_alter_table("meeting_action_items", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_meeting_action_items_assignee_id"), ["assignee_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_meeting_action_items_meeting_id"), ["meeting_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_meeting_action_items_owner_id"), ["owner_id"], unique=False
        )

    op.create_table(
        "products",
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("name_zh", sa.String(length=200), nullable=False),
        sa.Column("name_en", sa.String(length=200), nullable=False),
        sa.Column(
            "category",
            sa.Enum(
                "FE_FINES",
                "FE_LUMP",
                "FE_CONCENTRATE",
                "FE_PELLET",
                "CU_CONCENTRATE",
                "ZN_CONCENTRATE",
                "PB_CONCENTRATE",
                "THERMAL_COAL",
                "COKING_COAL",
                "PCI_COAL",
                "LIMESTONE",
                "AGGREGATE",
                "MANUFACTURED_SAND",
                name="category",
                native_enum=False,
                create_constraint=True,
                length=21,
            ),
            nullable=False,
        ),
        sa.Column(
            "unit",
            sa.Enum(
                "T",
                "WMT",
                "DMT",
                name="unit",
                native_enum=False,
                create_constraint=True,
                length=7,
            ),
            nullable=False,
        ),
        sa.Column("default_index_id", sa.String(length=36), nullable=True),
        sa.Column("hs_code", sa.String(length=16), nullable=True),
        sa.Column("active", sa.Boolean(), server_default="1", nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("is_deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("owner_id", sa.String(length=36), nullable=True),
        sa.ForeignKeyConstraint(
            ["default_index_id"],
            ["price_indices.id"],
            name=op.f("fk_products_default_index_id_price_indices"),
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["users.id"], name=op.f("fk_products_owner_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_products")),
        sa.UniqueConstraint("code", name=op.f("uq_products_code")),
    )
    with op.batch_alter_table("products", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_products_owner_id"), ["owner_id"], unique=False)

    op.create_table(
        "training_attendance",
        sa.Column("training_id", sa.String(length=36), nullable=False),
        sa.Column("user_id", sa.String(length=36), nullable=False),
        sa.Column("attended", sa.Boolean(), nullable=False),
        sa.Column("hours", sa.BigInteger(), nullable=False),
        sa.Column("exam_score", sa.BigInteger(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("is_deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("owner_id", sa.String(length=36), nullable=True),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["users.id"], name=op.f("fk_training_attendance_owner_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["training_id"],
            ["trainings.id"],
            name=op.f("fk_training_attendance_training_id_trainings"),
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_training_attendance_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_training_attendance")),
        sa.UniqueConstraint(
            "training_id", "user_id", name=op.f("uq_training_attendance_training_id_user_id")
        ),
    )
    with op.batch_alter_table("training_attendance", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_training_attendance_owner_id"), ["owner_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_training_attendance_training_id"), ["training_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_training_attendance_user_id"), ["user_id"], unique=False
        )

    op.create_table(
        "opportunities",
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("customer_id", sa.String(length=36), nullable=False),
        sa.Column("product_id", sa.String(length=36), nullable=True),
        sa.Column(
            "deal_type",
            sa.Enum(
                "SPOT",
                "TENDER",
                "TERM",
                "OFFTAKE",
                "DOMESTIC",
                name="deal_type",
                native_enum=False,
                create_constraint=True,
                length=12,
            ),
            nullable=False,
        ),
        sa.Column(
            "source",
            sa.Enum(
                "EXISTING",
                "REFERRAL",
                "TENDER_NOTICE",
                "EXHIBITION",
                "COLD_CALL",
                "INBOUND",
                name="source",
                native_enum=False,
                create_constraint=True,
                length=17,
            ),
            nullable=True,
        ),
        sa.Column("quantity", sa.BigInteger(), nullable=True),
        sa.Column(
            "quantity_unit",
            sa.Enum(
                "T",
                "WMT",
                "DMT",
                name="quantity_unit",
                native_enum=False,
                create_constraint=True,
                length=7,
            ),
            nullable=False,
        ),
        sa.Column(
            "currency",
            sa.Enum(
                "CNY", "USD", name="currency", native_enum=False, create_constraint=True, length=7
            ),
            nullable=False,
        ),
        sa.Column("estimated_value", sa.BigInteger(), nullable=True),
        sa.Column(
            "stage",
            sa.Enum(
                "LEAD",
                "QUALIFIED",
                "SAMPLE",
                "QUOTED",
                "NEGOTIATION",
                "AWARDED",
                "WON",
                "LOST",
                name="stage",
                native_enum=False,
                create_constraint=True,
                length=15,
            ),
            nullable=False,
        ),
        sa.Column("probability", sa.BigInteger(), nullable=False),
        sa.Column("stage_entered_at", sa.DateTime(), nullable=False),
        sa.Column("expected_close", sa.Date(), nullable=True),
        sa.Column("bid_deadline", sa.DateTime(), nullable=True),
        sa.Column(
            "lost_reason",
            sa.Enum(
                "PRICE",
                "SPEC",
                "LOGISTICS",
                "CREDIT",
                "COMPETITOR",
                "OTHER",
                name="lost_reason",
                native_enum=False,
                create_constraint=True,
                length=14,
            ),
            nullable=True,
        ),
        sa.Column("lost_note", sa.Text(), nullable=True),
        sa.Column("competitor", sa.String(length=200), nullable=True),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("is_deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("owner_id", sa.String(length=36), nullable=True),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_opportunities_customer_id_customers")
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["users.id"], name=op.f("fk_opportunities_owner_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["product_id"], ["products.id"], name=op.f("fk_opportunities_product_id_products")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_opportunities")),
        sa.UniqueConstraint("code", name=op.f("uq_opportunities_code")),
    )
    with op.batch_alter_table("opportunities", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_opportunities_customer_id"), ["customer_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_opportunities_expected_close"), ["expected_close"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_opportunities_owner_id"), ["owner_id"], unique=False)
        batch_op.create_index("ix_opportunities_owner_stage", ["owner_id", "stage"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_opportunities_product_id"), ["product_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_opportunities_stage"), ["stage"], unique=False)

    op.create_table(
        "quality_specs",
        sa.Column("product_id", sa.String(length=36), nullable=False),
        sa.Column("analyte", sa.String(length=16), nullable=False),
        sa.Column("unit", sa.String(length=16), nullable=False),
        sa.Column(
            "basis",
            sa.Enum(
                "AR",
                "AD",
                "DRY",
                name="basis",
                native_enum=False,
                create_constraint=True,
                length=7,
            ),
            nullable=False,
        ),
        sa.Column("typical", sa.BigInteger(), nullable=True),
        sa.Column("min_value", sa.BigInteger(), nullable=True),
        sa.Column("max_value", sa.BigInteger(), nullable=True),
        sa.Column("reject_min", sa.BigInteger(), nullable=True),
        sa.Column("reject_max", sa.BigInteger(), nullable=True),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("is_deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("owner_id", sa.String(length=36), nullable=True),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["users.id"], name=op.f("fk_quality_specs_owner_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["product_id"], ["products.id"], name=op.f("fk_quality_specs_product_id_products")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_quality_specs")),
        sa.UniqueConstraint(
            "product_id", "analyte", name=op.f("uq_quality_specs_product_id_analyte")
        ),
    )
    with op.batch_alter_table("quality_specs", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_quality_specs_owner_id"), ["owner_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_quality_specs_product_id"), ["product_id"], unique=False
        )

    op.create_table(
        "activities",
        sa.Column("customer_id", sa.String(length=36), nullable=False),
        sa.Column("contact_id", sa.String(length=36), nullable=True),
        sa.Column("opportunity_id", sa.String(length=36), nullable=True),
        sa.Column(
            "kind",
            sa.Enum(
                "VISIT",
                "SITE_VISIT",
                "PHONE",
                "WECHAT",
                "MEETING",
                "RETURN_VISIT",
                "EMAIL",
                name="kind",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("occurred_at", sa.DateTime(), nullable=False),
        sa.Column("subject", sa.String(length=200), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column(
            "outcome",
            sa.Enum(
                "POSITIVE",
                "NEUTRAL",
                "NEGATIVE",
                "NO_CONTACT",
                name="outcome",
                native_enum=False,
                create_constraint=True,
                length=14,
            ),
            nullable=True,
        ),
        sa.Column("next_action", sa.String(length=300), nullable=True),
        sa.Column("next_action_date", sa.Date(), nullable=True),
        sa.Column("latitude", sa.BigInteger(), nullable=True),
        sa.Column("longitude", sa.BigInteger(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("is_deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("owner_id", sa.String(length=36), nullable=True),
        sa.ForeignKeyConstraint(
            ["contact_id"], ["contacts.id"], name=op.f("fk_activities_contact_id_contacts")
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_activities_customer_id_customers")
        ),
        sa.ForeignKeyConstraint(
            ["opportunity_id"],
            ["opportunities.id"],
            name=op.f("fk_activities_opportunity_id_opportunities"),
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["users.id"], name=op.f("fk_activities_owner_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_activities")),
    )
    with op.batch_alter_table("activities", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_activities_customer_id"), ["customer_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_activities_occurred_at"), ["occurred_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_activities_owner_id"), ["owner_id"], unique=False)
        batch_op.create_index("ix_activities_owner_time", ["owner_id", "occurred_at"], unique=False)

    op.create_table(
        "quotes",
        sa.Column("opportunity_id", sa.String(length=36), nullable=False),
        sa.Column("quote_no", sa.String(length=40), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "DRAFT",
                "SENT",
                "ACCEPTED",
                "REJECTED",
                "SUPERSEDED",
                name="status",
                native_enum=False,
                create_constraint=True,
                length=14,
            ),
            nullable=False,
        ),
        sa.Column("product_id", sa.String(length=36), nullable=False),
        sa.Column("quantity", sa.BigInteger(), nullable=False),
        sa.Column(
            "quantity_unit",
            sa.Enum(
                "T",
                "WMT",
                "DMT",
                name="quantity_unit",
                native_enum=False,
                create_constraint=True,
                length=7,
            ),
            nullable=False,
        ),
        sa.Column("tolerance_pct", sa.BigInteger(), nullable=False),
        sa.Column(
            "tolerance_option",
            sa.Enum(
                "SELLER",
                "BUYER",
                name="tolerance_option",
                native_enum=False,
                create_constraint=True,
                length=10,
            ),
            nullable=False,
        ),
        sa.Column(
            "incoterm",
            sa.Enum(
                "FOB",
                "CFR",
                "CIF",
                "FCA",
                "DAP",
                "EXW",
                "DELIVERED",
                name="incoterm",
                native_enum=False,
                create_constraint=True,
                length=13,
            ),
            nullable=False,
        ),
        sa.Column("port", sa.String(length=50), nullable=True),
        sa.Column(
            "currency",
            sa.Enum(
                "CNY", "USD", name="currency", native_enum=False, create_constraint=True, length=7
            ),
            nullable=False,
        ),
        sa.Column("fx_rate", sa.BigInteger(), nullable=False),
        sa.Column("vat_rate", sa.BigInteger(), nullable=False),
        sa.Column("vat_included", sa.Boolean(), nullable=False),
        sa.Column(
            "pricing_method",
            sa.Enum(
                "FIXED",
                "INDEX",
                "FE_PRO_RATA",
                "VALUE_IN_USE",
                "PAYABLE_METAL",
                "METAL_COEFFICIENT",
                "CALORIFIC",
                name="pricing_method",
                native_enum=False,
                create_constraint=True,
                length=21,
            ),
            nullable=False,
        ),
        sa.Column("price_terms", sa.Text(), nullable=False),
        sa.Column("expected_assay", sa.Text(), nullable=True),
        sa.Column("unit_price", sa.BigInteger(), nullable=False),
        sa.Column("total_amount", sa.BigInteger(), nullable=False),
        sa.Column(
            "payment_method",
            sa.Enum(
                "LC",
                "TT",
                "BANK_ACCEPTANCE",
                "CASH",
                name="payment_method",
                native_enum=False,
                create_constraint=True,
                length=19,
            ),
            nullable=False,
        ),
        sa.Column("payment_terms", sa.Text(), nullable=True),
        sa.Column("valid_until", sa.Date(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("is_deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("owner_id", sa.String(length=36), nullable=True),
        sa.ForeignKeyConstraint(
            ["opportunity_id"],
            ["opportunities.id"],
            name=op.f("fk_quotes_opportunity_id_opportunities"),
        ),
        sa.ForeignKeyConstraint(["owner_id"], ["users.id"], name=op.f("fk_quotes_owner_id_users")),
        sa.ForeignKeyConstraint(
            ["product_id"], ["products.id"], name=op.f("fk_quotes_product_id_products")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_quotes")),
        sa.UniqueConstraint(
            "opportunity_id", "version", name=op.f("uq_quotes_opportunity_id_version")
        ),
    )
    with op.batch_alter_table("quotes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_quotes_opportunity_id"), ["opportunity_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_quotes_owner_id"), ["owner_id"], unique=False)

    op.create_table(
        "stage_changes",
        sa.Column("opportunity_id", sa.String(length=36), nullable=False),
        sa.Column(
            "from_stage",
            sa.Enum(
                "LEAD",
                "QUALIFIED",
                "SAMPLE",
                "QUOTED",
                "NEGOTIATION",
                "AWARDED",
                "WON",
                "LOST",
                name="from_stage",
                native_enum=False,
                create_constraint=True,
                length=15,
            ),
            nullable=True,
        ),
        sa.Column(
            "to_stage",
            sa.Enum(
                "LEAD",
                "QUALIFIED",
                "SAMPLE",
                "QUOTED",
                "NEGOTIATION",
                "AWARDED",
                "WON",
                "LOST",
                name="to_stage",
                native_enum=False,
                create_constraint=True,
                length=15,
            ),
            nullable=False,
        ),
        sa.Column("changed_by_id", sa.String(length=36), nullable=True),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("is_deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("owner_id", sa.String(length=36), nullable=True),
        sa.ForeignKeyConstraint(
            ["changed_by_id"], ["users.id"], name=op.f("fk_stage_changes_changed_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["opportunity_id"],
            ["opportunities.id"],
            name=op.f("fk_stage_changes_opportunity_id_opportunities"),
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["users.id"], name=op.f("fk_stage_changes_owner_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stage_changes")),
    )
    with op.batch_alter_table("stage_changes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_stage_changes_opportunity_id"), ["opportunity_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_stage_changes_owner_id"), ["owner_id"], unique=False)

    op.create_table(
        "contracts",
        sa.Column("contract_no", sa.String(length=40), nullable=False),
        sa.Column("customer_id", sa.String(length=36), nullable=False),
        sa.Column("opportunity_id", sa.String(length=36), nullable=True),
        sa.Column("quote_id", sa.String(length=36), nullable=True),
        sa.Column("product_id", sa.String(length=36), nullable=False),
        sa.Column(
            "contract_type",
            sa.Enum(
                "SPOT",
                "TERM",
                "FRAME",
                "TENDER",
                name="contract_type",
                native_enum=False,
                create_constraint=True,
                length=10,
            ),
            nullable=False,
        ),
        sa.Column(
            "status",
            sa.Enum(
                "DRAFT",
                "IN_REVIEW",
                "APPROVED",
                "SIGNED",
                "EXECUTING",
                "COMPLETED",
                "TERMINATED",
                name="status",
                native_enum=False,
                create_constraint=True,
                length=14,
            ),
            nullable=False,
        ),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=False),
        sa.Column("quantity", sa.BigInteger(), nullable=False),
        sa.Column(
            "quantity_unit",
            sa.Enum(
                "T",
                "WMT",
                "DMT",
                name="quantity_unit",
                native_enum=False,
                create_constraint=True,
                length=7,
            ),
            nullable=False,
        ),
        sa.Column("tolerance_pct", sa.BigInteger(), nullable=False),
        sa.Column(
            "tolerance_option",
            sa.Enum(
                "SELLER",
                "BUYER",
                name="tolerance_option",
                native_enum=False,
                create_constraint=True,
                length=10,
            ),
            nullable=False,
        ),
        sa.Column(
            "incoterm",
            sa.Enum(
                "FOB",
                "CFR",
                "CIF",
                "FCA",
                "DAP",
                "EXW",
                "DELIVERED",
                name="incoterm",
                native_enum=False,
                create_constraint=True,
                length=13,
            ),
            nullable=False,
        ),
        sa.Column("port", sa.String(length=50), nullable=True),
        sa.Column(
            "currency",
            sa.Enum(
                "CNY", "USD", name="currency", native_enum=False, create_constraint=True, length=7
            ),
            nullable=False,
        ),
        sa.Column("fx_rate", sa.BigInteger(), nullable=False),
        sa.Column("vat_rate", sa.BigInteger(), nullable=False),
        sa.Column("vat_included", sa.Boolean(), nullable=False),
        sa.Column(
            "pricing_method",
            sa.Enum(
                "FIXED",
                "INDEX",
                "FE_PRO_RATA",
                "VALUE_IN_USE",
                "PAYABLE_METAL",
                "METAL_COEFFICIENT",
                "CALORIFIC",
                name="pricing_method",
                native_enum=False,
                create_constraint=True,
                length=21,
            ),
            nullable=False,
        ),
        sa.Column("price_terms", sa.Text(), nullable=False),
        sa.Column("unit_price", sa.BigInteger(), nullable=False),
        sa.Column("total_value", sa.BigInteger(), nullable=False),
        sa.Column(
            "payment_method",
            sa.Enum(
                "LC",
                "TT",
                "BANK_ACCEPTANCE",
                "CASH",
                name="payment_method",
                native_enum=False,
                create_constraint=True,
                length=19,
            ),
            nullable=False,
        ),
        sa.Column("provisional_pct", sa.BigInteger(), nullable=False),
        sa.Column("credit_days", sa.Integer(), nullable=False),
        sa.Column("signed_on", sa.Date(), nullable=True),
        sa.Column("approved_by_id", sa.String(length=36), nullable=True),
        sa.Column("approved_at", sa.DateTime(), nullable=True),
        sa.Column("credit_override_reason", sa.Text(), nullable=True),
        sa.Column("terminated_reason", sa.Text(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("is_deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("owner_id", sa.String(length=36), nullable=True),
        sa.ForeignKeyConstraint(
            ["approved_by_id"], ["users.id"], name=op.f("fk_contracts_approved_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_contracts_customer_id_customers")
        ),
        sa.ForeignKeyConstraint(
            ["opportunity_id"],
            ["opportunities.id"],
            name=op.f("fk_contracts_opportunity_id_opportunities"),
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["users.id"], name=op.f("fk_contracts_owner_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["product_id"], ["products.id"], name=op.f("fk_contracts_product_id_products")
        ),
        sa.ForeignKeyConstraint(
            ["quote_id"], ["quotes.id"], name=op.f("fk_contracts_quote_id_quotes")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contracts")),
        sa.UniqueConstraint("contract_no", name=op.f("uq_contracts_contract_no")),
    )
    with op.batch_alter_table("contracts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_contracts_customer_id"), ["customer_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_contracts_owner_id"), ["owner_id"], unique=False)
        batch_op.create_index("ix_contracts_owner_status", ["owner_id", "status"], unique=False)
        batch_op.create_index(batch_op.f("ix_contracts_signed_on"), ["signed_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_contracts_status"), ["status"], unique=False)

    op.create_table(
        "follow_up_plans",
        sa.Column("customer_id", sa.String(length=36), nullable=False),
        sa.Column("opportunity_id", sa.String(length=36), nullable=True),
        sa.Column("action", sa.String(length=300), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "VISIT",
                "SITE_VISIT",
                "PHONE",
                "WECHAT",
                "MEETING",
                "RETURN_VISIT",
                "EMAIL",
                name="kind",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("due_date", sa.Date(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "OPEN",
                "DONE",
                "CANCELLED",
                name="status",
                native_enum=False,
                create_constraint=True,
                length=13,
            ),
            nullable=False,
        ),
        sa.Column("done_at", sa.DateTime(), nullable=True),
        sa.Column("done_activity_id", sa.String(length=36), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("is_deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("owner_id", sa.String(length=36), nullable=True),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_follow_up_plans_customer_id_customers")
        ),
        sa.ForeignKeyConstraint(
            ["done_activity_id"],
            ["activities.id"],
            name=op.f("fk_follow_up_plans_done_activity_id_activities"),
        ),
        sa.ForeignKeyConstraint(
            ["opportunity_id"],
            ["opportunities.id"],
            name=op.f("fk_follow_up_plans_opportunity_id_opportunities"),
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["users.id"], name=op.f("fk_follow_up_plans_owner_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_follow_up_plans")),
    )
    with op.batch_alter_table("follow_up_plans", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_follow_up_plans_customer_id"), ["customer_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_follow_up_plans_due_date"), ["due_date"], unique=False)
        batch_op.create_index(
            "ix_follow_up_plans_owner_due", ["owner_id", "status", "due_date"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_follow_up_plans_owner_id"), ["owner_id"], unique=False)

    op.create_table(
        "contract_reviews",
        sa.Column("contract_id", sa.String(length=36), nullable=False),
        sa.Column("step_no", sa.Integer(), nullable=False),
        sa.Column(
            "department",
            sa.Enum(
                "SALES",
                "FINANCE",
                "LEGAL",
                "QUALITY",
                "LOGISTICS",
                "MANAGEMENT",
                name="department",
                native_enum=False,
                create_constraint=True,
                length=14,
            ),
            nullable=False,
        ),
        sa.Column("reviewer_id", sa.String(length=36), nullable=True),
        sa.Column(
            "decision",
            sa.Enum(
                "PENDING",
                "APPROVED",
                "REJECTED",
                name="decision",
                native_enum=False,
                create_constraint=True,
                length=12,
            ),
            nullable=False,
        ),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("is_deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("owner_id", sa.String(length=36), nullable=True),
        sa.ForeignKeyConstraint(
            ["contract_id"],
            ["contracts.id"],
            name=op.f("fk_contract_reviews_contract_id_contracts"),
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["users.id"], name=op.f("fk_contract_reviews_owner_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["reviewer_id"], ["users.id"], name=op.f("fk_contract_reviews_reviewer_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contract_reviews")),
        sa.UniqueConstraint(
            "contract_id", "step_no", name=op.f("uq_contract_reviews_contract_id_step_no")
        ),
    )
    with op.batch_alter_table("contract_reviews", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_contract_reviews_contract_id"), ["contract_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_contract_reviews_owner_id"), ["owner_id"], unique=False
        )

    op.create_table(
        "contract_status_changes",
        sa.Column("contract_id", sa.String(length=36), nullable=False),
        sa.Column(
            "from_status",
            sa.Enum(
                "DRAFT",
                "IN_REVIEW",
                "APPROVED",
                "SIGNED",
                "EXECUTING",
                "COMPLETED",
                "TERMINATED",
                name="from_status",
                native_enum=False,
                create_constraint=True,
                length=14,
            ),
            nullable=True,
        ),
        sa.Column(
            "to_status",
            sa.Enum(
                "DRAFT",
                "IN_REVIEW",
                "APPROVED",
                "SIGNED",
                "EXECUTING",
                "COMPLETED",
                "TERMINATED",
                name="to_status",
                native_enum=False,
                create_constraint=True,
                length=14,
            ),
            nullable=False,
        ),
        sa.Column("changed_by_id", sa.String(length=36), nullable=True),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("is_deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("owner_id", sa.String(length=36), nullable=True),
        sa.ForeignKeyConstraint(
            ["changed_by_id"],
            ["users.id"],
            name=op.f("fk_contract_status_changes_changed_by_id_users"),
        ),
        sa.ForeignKeyConstraint(
            ["contract_id"],
            ["contracts.id"],
            name=op.f("fk_contract_status_changes_contract_id_contracts"),
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["users.id"], name=op.f("fk_contract_status_changes_owner_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contract_status_changes")),
    )
    with op.batch_alter_table("contract_status_changes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_contract_status_changes_contract_id"), ["contract_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_contract_status_changes_owner_id"), ["owner_id"], unique=False
        )

    op.create_table(
        "risk_records",
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column(
            "category",
            sa.Enum(
                "MARKET",
                "CUSTOMER",
                "CONTRACT",
                "QUALITY",
                "LOGISTICS",
                "COMPLIANCE",
                name="category",
                native_enum=False,
                create_constraint=True,
                length=14,
            ),
            nullable=False,
        ),
        sa.Column("customer_id", sa.String(length=36), nullable=True),
        sa.Column("contract_id", sa.String(length=36), nullable=True),
        sa.Column("likelihood", sa.Integer(), nullable=False),
        sa.Column("impact", sa.Integer(), nullable=False),
        sa.Column("exposure_amount", sa.BigInteger(), nullable=True),
        sa.Column(
            "currency",
            sa.Enum(
                "CNY", "USD", name="currency", native_enum=False, create_constraint=True, length=7
            ),
            nullable=False,
        ),
        sa.Column("mitigation", sa.Text(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "OPEN",
                "MITIGATING",
                "CLOSED",
                name="status",
                native_enum=False,
                create_constraint=True,
                length=14,
            ),
            nullable=False,
        ),
        sa.Column("review_on", sa.Date(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("is_deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("owner_id", sa.String(length=36), nullable=True),
        sa.CheckConstraint("impact BETWEEN 1 AND 5", name=op.f("ck_risk_records_impact_range")),
        sa.CheckConstraint(
            "likelihood BETWEEN 1 AND 5", name=op.f("ck_risk_records_likelihood_range")
        ),
        sa.ForeignKeyConstraint(
            ["contract_id"], ["contracts.id"], name=op.f("fk_risk_records_contract_id_contracts")
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_risk_records_customer_id_customers")
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["users.id"], name=op.f("fk_risk_records_owner_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_risk_records")),
    )
    with op.batch_alter_table("risk_records", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_risk_records_contract_id"), ["contract_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_risk_records_customer_id"), ["customer_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_risk_records_owner_id"), ["owner_id"], unique=False)

    op.create_table(
        "shipments",
        sa.Column("contract_id", sa.String(length=36), nullable=False),
        sa.Column("lot_no", sa.String(length=40), nullable=False),
        sa.Column(
            "transport_mode",
            sa.Enum(
                "VESSEL",
                "RAIL",
                "TRUCK",
                "BARGE",
                name="transport_mode",
                native_enum=False,
                create_constraint=True,
                length=10,
            ),
            nullable=False,
        ),
        sa.Column("vessel_or_vehicle", sa.String(length=100), nullable=True),
        sa.Column("load_port", sa.String(length=50), nullable=True),
        sa.Column("discharge_port", sa.String(length=50), nullable=True),
        sa.Column("bl_date", sa.Date(), nullable=True),
        sa.Column("quantity_wmt", sa.BigInteger(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "PLANNED",
                "LOADING",
                "SHIPPED",
                "DELIVERED",
                "SETTLED",
                name="status",
                native_enum=False,
                create_constraint=True,
                length=13,
            ),
            nullable=False,
        ),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("is_deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("owner_id", sa.String(length=36), nullable=True),
        sa.ForeignKeyConstraint(
            ["contract_id"], ["contracts.id"], name=op.f("fk_shipments_contract_id_contracts")
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["users.id"], name=op.f("fk_shipments_owner_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_shipments")),
        sa.UniqueConstraint("contract_id", "lot_no", name=op.f("uq_shipments_contract_id_lot_no")),
    )
    with op.batch_alter_table("shipments", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_shipments_bl_date"), ["bl_date"], unique=False)
        batch_op.create_index(batch_op.f("ix_shipments_contract_id"), ["contract_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_shipments_owner_id"), ["owner_id"], unique=False)

    op.create_table(
        "assays",
        sa.Column("shipment_id", sa.String(length=36), nullable=False),
        sa.Column(
            "party",
            sa.Enum(
                "SELLER",
                "BUYER",
                "UMPIRE",
                "SETTLEMENT",
                name="party",
                native_enum=False,
                create_constraint=True,
                length=14,
            ),
            nullable=False,
        ),
        sa.Column("lab", sa.String(length=100), nullable=True),
        sa.Column("assayed_on", sa.Date(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("is_deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("owner_id", sa.String(length=36), nullable=True),
        sa.ForeignKeyConstraint(["owner_id"], ["users.id"], name=op.f("fk_assays_owner_id_users")),
        sa.ForeignKeyConstraint(
            ["shipment_id"], ["shipments.id"], name=op.f("fk_assays_shipment_id_shipments")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assays")),
    )
    with op.batch_alter_table("assays", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_assays_owner_id"), ["owner_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_assays_shipment_id"), ["shipment_id"], unique=False)

    op.create_table(
        "invoices",
        sa.Column("invoice_no", sa.String(length=40), nullable=False),
        sa.Column("contract_id", sa.String(length=36), nullable=False),
        sa.Column("shipment_id", sa.String(length=36), nullable=True),
        sa.Column("customer_id", sa.String(length=36), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "PROVISIONAL",
                "FINAL",
                "DEBIT_NOTE",
                "CREDIT_NOTE",
                name="kind",
                native_enum=False,
                create_constraint=True,
                length=15,
            ),
            nullable=False,
        ),
        sa.Column(
            "status",
            sa.Enum(
                "ISSUED",
                "PARTLY_PAID",
                "PAID",
                "CANCELLED",
                name="status",
                native_enum=False,
                create_constraint=True,
                length=15,
            ),
            nullable=False,
        ),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column(
            "currency",
            sa.Enum(
                "CNY", "USD", name="currency", native_enum=False, create_constraint=True, length=7
            ),
            nullable=False,
        ),
        sa.Column("quantity", sa.BigInteger(), nullable=True),
        sa.Column("unit_price", sa.BigInteger(), nullable=True),
        sa.Column("amount_net", sa.BigInteger(), nullable=False),
        sa.Column("vat_amount", sa.BigInteger(), nullable=False),
        sa.Column("amount_total", sa.BigInteger(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("is_deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("owner_id", sa.String(length=36), nullable=True),
        sa.ForeignKeyConstraint(
            ["contract_id"], ["contracts.id"], name=op.f("fk_invoices_contract_id_contracts")
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_invoices_customer_id_customers")
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["users.id"], name=op.f("fk_invoices_owner_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["shipment_id"], ["shipments.id"], name=op.f("fk_invoices_shipment_id_shipments")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_invoices")),
        sa.UniqueConstraint("invoice_no", name=op.f("uq_invoices_invoice_no")),
    )
    with op.batch_alter_table("invoices", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_invoices_contract_id"), ["contract_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_invoices_customer_id"), ["customer_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_invoices_issued_on"), ["issued_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_invoices_owner_id"), ["owner_id"], unique=False)

    op.create_table(
        "service_tickets",
        sa.Column("ticket_no", sa.String(length=40), nullable=False),
        sa.Column("customer_id", sa.String(length=36), nullable=False),
        sa.Column("contract_id", sa.String(length=36), nullable=True),
        sa.Column("shipment_id", sa.String(length=36), nullable=True),
        sa.Column(
            "ticket_type",
            sa.Enum(
                "QUALITY_CLAIM",
                "WEIGHT_SHORTAGE",
                "DELIVERY_DELAY",
                "DOCUMENT_ERROR",
                "COMPLAINT",
                name="ticket_type",
                native_enum=False,
                create_constraint=True,
                length=19,
            ),
            nullable=False,
        ),
        sa.Column(
            "priority",
            sa.Enum(
                "LOW",
                "NORMAL",
                "HIGH",
                "URGENT",
                name="priority",
                native_enum=False,
                create_constraint=True,
                length=10,
            ),
            nullable=False,
        ),
        sa.Column(
            "status",
            sa.Enum(
                "RECEIVED",
                "ASSIGNED",
                "IN_PROGRESS",
                "RESOLVED",
                "RETURN_VISIT",
                "CLOSED",
                name="status",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("claimed_amount", sa.BigInteger(), nullable=True),
        sa.Column("settled_amount", sa.BigInteger(), nullable=True),
        sa.Column(
            "currency",
            sa.Enum(
                "CNY", "USD", name="currency", native_enum=False, create_constraint=True, length=7
            ),
            nullable=False,
        ),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("sla_due", sa.DateTime(), nullable=False),
        sa.Column("assignee_id", sa.String(length=36), nullable=True),
        sa.Column("resolution", sa.Text(), nullable=True),
        sa.Column("resolved_at", sa.DateTime(), nullable=True),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("is_deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("owner_id", sa.String(length=36), nullable=True),
        sa.ForeignKeyConstraint(
            ["assignee_id"], ["users.id"], name=op.f("fk_service_tickets_assignee_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["contract_id"], ["contracts.id"], name=op.f("fk_service_tickets_contract_id_contracts")
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_service_tickets_customer_id_customers")
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["users.id"], name=op.f("fk_service_tickets_owner_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["shipment_id"], ["shipments.id"], name=op.f("fk_service_tickets_shipment_id_shipments")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_service_tickets")),
        sa.UniqueConstraint("ticket_no", name=op.f("uq_service_tickets_ticket_no")),
    )
    with op.batch_alter_table("service_tickets", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_service_tickets_assignee_id"), ["assignee_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_service_tickets_contract_id"), ["contract_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_service_tickets_customer_id"), ["customer_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_service_tickets_owner_id"), ["owner_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_service_tickets_received_at"), ["received_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_service_tickets_sla_due"), ["sla_due"], unique=False)
        batch_op.create_index(batch_op.f("ix_service_tickets_status"), ["status"], unique=False)
        batch_op.create_index("ix_service_tickets_status_due", ["status", "sla_due"], unique=False)

    op.create_table(
        "weight_certificates",
        sa.Column("shipment_id", sa.String(length=36), nullable=False),
        sa.Column(
            "party",
            sa.Enum(
                "LOAD_PORT",
                "DISCHARGE_PORT",
                "UMPIRE",
                name="party",
                native_enum=False,
                create_constraint=True,
                length=18,
            ),
            nullable=False,
        ),
        sa.Column("issuer", sa.String(length=100), nullable=True),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("wet_tonnes", sa.BigInteger(), nullable=False),
        sa.Column("moisture_pct", sa.BigInteger(), nullable=False),
        sa.Column("dry_tonnes", sa.BigInteger(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("is_deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("owner_id", sa.String(length=36), nullable=True),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["users.id"], name=op.f("fk_weight_certificates_owner_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["shipment_id"],
            ["shipments.id"],
            name=op.f("fk_weight_certificates_shipment_id_shipments"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_weight_certificates")),
    )
    with op.batch_alter_table("weight_certificates", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_weight_certificates_owner_id"), ["owner_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_weight_certificates_shipment_id"), ["shipment_id"], unique=False
        )

    op.create_table(
        "assay_results",
        sa.Column("assay_id", sa.String(length=36), nullable=False),
        sa.Column("analyte", sa.String(length=16), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.Column("unit", sa.String(length=16), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("is_deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("owner_id", sa.String(length=36), nullable=True),
        sa.ForeignKeyConstraint(
            ["assay_id"], ["assays.id"], name=op.f("fk_assay_results_assay_id_assays")
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["users.id"], name=op.f("fk_assay_results_owner_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assay_results")),
        sa.UniqueConstraint("assay_id", "analyte", name=op.f("uq_assay_results_assay_id_analyte")),
    )
    with op.batch_alter_table("assay_results", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_assay_results_assay_id"), ["assay_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_assay_results_owner_id"), ["owner_id"], unique=False)

    op.create_table(
        "payments",
        sa.Column("customer_id", sa.String(length=36), nullable=False),
        sa.Column("contract_id", sa.String(length=36), nullable=True),
        sa.Column("invoice_id", sa.String(length=36), nullable=True),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column(
            "currency",
            sa.Enum(
                "CNY", "USD", name="currency", native_enum=False, create_constraint=True, length=7
            ),
            nullable=False,
        ),
        sa.Column(
            "method",
            sa.Enum(
                "LC",
                "TT",
                "BANK_ACCEPTANCE",
                "CASH",
                name="method",
                native_enum=False,
                create_constraint=True,
                length=19,
            ),
            nullable=False,
        ),
        sa.Column("reference", sa.String(length=100), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("is_deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("owner_id", sa.String(length=36), nullable=True),
        sa.ForeignKeyConstraint(
            ["contract_id"], ["contracts.id"], name=op.f("fk_payments_contract_id_contracts")
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_payments_customer_id_customers")
        ),
        sa.ForeignKeyConstraint(
            ["invoice_id"], ["invoices.id"], name=op.f("fk_payments_invoice_id_invoices")
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["users.id"], name=op.f("fk_payments_owner_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payments")),
    )
    with op.batch_alter_table("payments", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_payments_contract_id"), ["contract_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_payments_customer_id"), ["customer_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_payments_invoice_id"), ["invoice_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_payments_owner_id"), ["owner_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_payments_received_on"), ["received_on"], unique=False)

    op.create_table(
        "return_visits",
        sa.Column("ticket_id", sa.String(length=36), nullable=True),
        sa.Column("customer_id", sa.String(length=36), nullable=False),
        sa.Column("visited_at", sa.DateTime(), nullable=False),
        sa.Column("visited_by_id", sa.String(length=36), nullable=True),
        sa.Column("satisfaction", sa.Integer(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("is_deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("owner_id", sa.String(length=36), nullable=True),
        sa.CheckConstraint(
            "satisfaction BETWEEN 1 AND 5", name=op.f("ck_return_visits_satisfaction_range")
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_return_visits_customer_id_customers")
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["users.id"], name=op.f("fk_return_visits_owner_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["ticket_id"],
            ["service_tickets.id"],
            name=op.f("fk_return_visits_ticket_id_service_tickets"),
        ),
        sa.ForeignKeyConstraint(
            ["visited_by_id"], ["users.id"], name=op.f("fk_return_visits_visited_by_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_return_visits")),
    )
    with op.batch_alter_table("return_visits", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_return_visits_customer_id"), ["customer_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_return_visits_owner_id"), ["owner_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_return_visits_ticket_id"), ["ticket_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_return_visits_visited_at"), ["visited_at"], unique=False
        )

    op.create_table(
        "ticket_status_changes",
        sa.Column("ticket_id", sa.String(length=36), nullable=False),
        sa.Column(
            "from_status",
            sa.Enum(
                "RECEIVED",
                "ASSIGNED",
                "IN_PROGRESS",
                "RESOLVED",
                "RETURN_VISIT",
                "CLOSED",
                name="from_status",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=True,
        ),
        sa.Column(
            "to_status",
            sa.Enum(
                "RECEIVED",
                "ASSIGNED",
                "IN_PROGRESS",
                "RESOLVED",
                "RETURN_VISIT",
                "CLOSED",
                name="to_status",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("changed_by_id", sa.String(length=36), nullable=True),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("is_deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("owner_id", sa.String(length=36), nullable=True),
        sa.ForeignKeyConstraint(
            ["changed_by_id"],
            ["users.id"],
            name=op.f("fk_ticket_status_changes_changed_by_id_users"),
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["users.id"], name=op.f("fk_ticket_status_changes_owner_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["ticket_id"],
            ["service_tickets.id"],
            name=op.f("fk_ticket_status_changes_ticket_id_service_tickets"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ticket_status_changes")),
    )
    with op.batch_alter_table("ticket_status_changes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_ticket_status_changes_owner_id"), ["owner_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_ticket_status_changes_ticket_id"), ["ticket_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("ticket_status_changes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ticket_status_changes_ticket_id"))
        batch_op.drop_index(batch_op.f("ix_ticket_status_changes_owner_id"))

    op.drop_table("ticket_status_changes")
    with op.batch_alter_table("return_visits", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_return_visits_visited_at"))
        batch_op.drop_index(batch_op.f("ix_return_visits_ticket_id"))
        batch_op.drop_index(batch_op.f("ix_return_visits_owner_id"))
        batch_op.drop_index(batch_op.f("ix_return_visits_customer_id"))

    op.drop_table("return_visits")
    with op.batch_alter_table("payments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_payments_received_on"))
        batch_op.drop_index(batch_op.f("ix_payments_owner_id"))
        batch_op.drop_index(batch_op.f("ix_payments_invoice_id"))
        batch_op.drop_index(batch_op.f("ix_payments_customer_id"))
        batch_op.drop_index(batch_op.f("ix_payments_contract_id"))

    op.drop_table("payments")
    with op.batch_alter_table("assay_results", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_assay_results_owner_id"))
        batch_op.drop_index(batch_op.f("ix_assay_results_assay_id"))

    op.drop_table("assay_results")
    with op.batch_alter_table("weight_certificates", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_weight_certificates_shipment_id"))
        batch_op.drop_index(batch_op.f("ix_weight_certificates_owner_id"))

    op.drop_table("weight_certificates")
    with op.batch_alter_table("service_tickets", schema=None) as batch_op:
        batch_op.drop_index("ix_service_tickets_status_due")
        batch_op.drop_index(batch_op.f("ix_service_tickets_status"))
        batch_op.drop_index(batch_op.f("ix_service_tickets_sla_due"))
        batch_op.drop_index(batch_op.f("ix_service_tickets_received_at"))
        batch_op.drop_index(batch_op.f("ix_service_tickets_owner_id"))
        batch_op.drop_index(batch_op.f("ix_service_tickets_customer_id"))
        batch_op.drop_index(batch_op.f("ix_service_tickets_contract_id"))
        batch_op.drop_index(batch_op.f("ix_service_tickets_assignee_id"))

    op.drop_table("service_tickets")
    with op.batch_alter_table("invoices", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_invoices_owner_id"))
        batch_op.drop_index(batch_op.f("ix_invoices_issued_on"))
        batch_op.drop_index(batch_op.f("ix_invoices_customer_id"))
        batch_op.drop_index(batch_op.f("ix_invoices_contract_id"))

    op.drop_table("invoices")
    with op.batch_alter_table("assays", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_assays_shipment_id"))
        batch_op.drop_index(batch_op.f("ix_assays_owner_id"))

    op.drop_table("assays")
    with op.batch_alter_table("shipments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_shipments_owner_id"))
        batch_op.drop_index(batch_op.f("ix_shipments_contract_id"))
        batch_op.drop_index(batch_op.f("ix_shipments_bl_date"))

    op.drop_table("shipments")
    with op.batch_alter_table("risk_records", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_risk_records_owner_id"))
        batch_op.drop_index(batch_op.f("ix_risk_records_customer_id"))
        batch_op.drop_index(batch_op.f("ix_risk_records_contract_id"))

    op.drop_table("risk_records")
    with op.batch_alter_table("contract_status_changes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contract_status_changes_owner_id"))
        batch_op.drop_index(batch_op.f("ix_contract_status_changes_contract_id"))

    op.drop_table("contract_status_changes")
    with op.batch_alter_table("contract_reviews", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contract_reviews_owner_id"))
        batch_op.drop_index(batch_op.f("ix_contract_reviews_contract_id"))

    op.drop_table("contract_reviews")
    with op.batch_alter_table("follow_up_plans", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_follow_up_plans_owner_id"))
        batch_op.drop_index("ix_follow_up_plans_owner_due")
        batch_op.drop_index(batch_op.f("ix_follow_up_plans_due_date"))
        batch_op.drop_index(batch_op.f("ix_follow_up_plans_customer_id"))

    op.drop_table("follow_up_plans")
    with op.batch_alter_table("contracts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contracts_status"))
        batch_op.drop_index(batch_op.f("ix_contracts_signed_on"))
        batch_op.drop_index("ix_contracts_owner_status")
        batch_op.drop_index(batch_op.f("ix_contracts_owner_id"))
        batch_op.drop_index(batch_op.f("ix_contracts_customer_id"))

    op.drop_table("contracts")
    with op.batch_alter_table("stage_changes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_stage_changes_owner_id"))
        batch_op.drop_index(batch_op.f("ix_stage_changes_opportunity_id"))

    op.drop_table("stage_changes")
    with op.batch_alter_table("quotes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_quotes_owner_id"))
        batch_op.drop_index(batch_op.f("ix_quotes_opportunity_id"))

    op.drop_table("quotes")
    with op.batch_alter_table("activities", schema=None) as batch_op:
        batch_op.drop_index("ix_activities_owner_time")
        batch_op.drop_index(batch_op.f("ix_activities_owner_id"))
        batch_op.drop_index(batch_op.f("ix_activities_occurred_at"))
        batch_op.drop_index(batch_op.f("ix_activities_customer_id"))

    op.drop_table("activities")
    with op.batch_alter_table("quality_specs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_quality_specs_product_id"))
        batch_op.drop_index(batch_op.f("ix_quality_specs_owner_id"))

    op.drop_table("quality_specs")
    with op.batch_alter_table("opportunities", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_opportunities_stage"))
        batch_op.drop_index(batch_op.f("ix_opportunities_product_id"))
        batch_op.drop_index("ix_opportunities_owner_stage")
        batch_op.drop_index(batch_op.f("ix_opportunities_owner_id"))
        batch_op.drop_index(batch_op.f("ix_opportunities_expected_close"))
        batch_op.drop_index(batch_op.f("ix_opportunities_customer_id"))

    op.drop_table("opportunities")
    with op.batch_alter_table("training_attendance", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_training_attendance_user_id"))
        batch_op.drop_index(batch_op.f("ix_training_attendance_training_id"))
        batch_op.drop_index(batch_op.f("ix_training_attendance_owner_id"))

    op.drop_table("training_attendance")
    with op.batch_alter_table("products", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_products_owner_id"))

    op.drop_table("products")
    with op.batch_alter_table("meeting_action_items", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meeting_action_items_owner_id"))
        batch_op.drop_index(batch_op.f("ix_meeting_action_items_meeting_id"))
        batch_op.drop_index(batch_op.f("ix_meeting_action_items_assignee_id"))

    op.drop_table("meeting_action_items")
    with op.batch_alter_table("kpi_targets", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_kpi_targets_user_id"))
        batch_op.drop_index(batch_op.f("ix_kpi_targets_owner_id"))

    op.drop_table("kpi_targets")
    with op.batch_alter_table("index_quotes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_index_quotes_owner_id"))

    op.drop_table("index_quotes")
    with op.batch_alter_table("credit_profiles", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_credit_profiles_owner_id"))

    op.drop_table("credit_profiles")
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contacts_phone"))
        batch_op.drop_index(batch_op.f("ix_contacts_owner_id"))
        batch_op.drop_index(batch_op.f("ix_contacts_mobile"))
        batch_op.drop_index(batch_op.f("ix_contacts_customer_id"))

    op.drop_table("contacts")
    with op.batch_alter_table("appraisal_lines", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_appraisal_lines_owner_id"))
        batch_op.drop_index(batch_op.f("ix_appraisal_lines_appraisal_id"))

    op.drop_table("appraisal_lines")
    with op.batch_alter_table("trainings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_trainings_owner_id"))
        batch_op.drop_index(batch_op.f("ix_trainings_held_on"))

    op.drop_table("trainings")
    with op.batch_alter_table("price_indices", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_price_indices_owner_id"))

    op.drop_table("price_indices")
    with op.batch_alter_table("ownership_changes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ownership_changes_owner_id"))
        batch_op.drop_index(batch_op.f("ix_ownership_changes_entity_id"))

    op.drop_table("ownership_changes")
    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meetings_owner_id"))
        batch_op.drop_index(batch_op.f("ix_meetings_held_at"))

    op.drop_table("meetings")
    with op.batch_alter_table("kpi_definitions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_kpi_definitions_owner_id"))

    op.drop_table("kpi_definitions")
    with op.batch_alter_table("feedback", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_feedback_owner_id"))

    op.drop_table("feedback")
    with op.batch_alter_table("customers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_customers_owner_id"))
        batch_op.drop_index("ix_customers_name_zh")
        batch_op.drop_index("ix_customers_filter")

    op.drop_table("customers")
    with op.batch_alter_table("appraisals", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_appraisals_user_id"))
        batch_op.drop_index(batch_op.f("ix_appraisals_owner_id"))

    op.drop_table("appraisals")
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_users_team_id"))
        batch_op.drop_index(batch_op.f("ix_users_owner_id"))
        batch_op.drop_index(batch_op.f("ix_users_manager_id"))

    op.drop_table("users")
    with op.batch_alter_table("teams", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_teams_owner_id"))

    op.drop_table("teams")
