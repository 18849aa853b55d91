"""The domain model: one module per aggregate, all on one ``Base`` (see DESIGN.md §4).

Importing this package registers every table on ``Base.metadata``.
"""

from minesales_desktop.db.base import Base
from minesales_desktop.models.catalog import IndexQuote, PriceIndex, Product, QualitySpec
from minesales_desktop.models.contracts import (
    Assay,
    AssayResult,
    Contract,
    ContractReview,
    ContractStatusChange,
    Invoice,
    Payment,
    Shipment,
    WeightCertificate,
)
from minesales_desktop.models.customers import Activity, Contact, Customer, FollowUpPlan
from minesales_desktop.models.people import OwnershipChange, Team, User
from minesales_desktop.models.performance import (
    Appraisal,
    AppraisalLine,
    KpiDefinition,
    KpiTarget,
)
from minesales_desktop.models.risk import CreditProfile, RiskRecord
from minesales_desktop.models.sales import Opportunity, Quote, StageChange
from minesales_desktop.models.service import ReturnVisit, ServiceTicket, TicketStatusChange
from minesales_desktop.models.sync import (
    SyncBatch,
    SyncConflict,
    SyncLogEntry,
    SyncOp,
    SyncOutboxEntry,
    SyncRejected,
    SyncState,
    SyncToken,
)
from minesales_desktop.models.team import (
    Feedback,
    Meeting,
    MeetingActionItem,
    Training,
    TrainingAttendance,
)

__all__ = [
    "Activity",
    "Appraisal",
    "AppraisalLine",
    "Assay",
    "AssayResult",
    "Base",
    "Contact",
    "Contract",
    "ContractReview",
    "ContractStatusChange",
    "CreditProfile",
    "Customer",
    "Feedback",
    "FollowUpPlan",
    "IndexQuote",
    "Invoice",
    "KpiDefinition",
    "KpiTarget",
    "Meeting",
    "MeetingActionItem",
    "Opportunity",
    "OwnershipChange",
    "Payment",
    "PriceIndex",
    "Product",
    "QualitySpec",
    "Quote",
    "ReturnVisit",
    "RiskRecord",
    "ServiceTicket",
    "Shipment",
    "StageChange",
    "SyncBatch",
    "SyncConflict",
    "SyncLogEntry",
    "SyncOp",
    "SyncOutboxEntry",
    "SyncRejected",
    "SyncState",
    "SyncToken",
    "Team",
    "TicketStatusChange",
    "Training",
    "TrainingAttendance",
    "User",
    "WeightCertificate",
]
