"""MineSales Desktop — offline-first CRM for a mining company's sales department (矿业销售管理).

The version is defined here once; ``pyproject.toml`` reads it from this attribute.
"""

__version__ = "0.1.0"

APP_NAME = "MineSales Desktop"
APP_NAME_ZH = "矿业销售管理"
