"""Catalogue tables."""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel


class Provider(SQLModel, table=True):
    """A city department or a private company that answers at a counter."""

    __tablename__ = "provider"

    id: str = Field(primary_key=True, max_length=64)
    kind: str = Field(max_length=16)  # municipal | private
    name: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    sort_order: int = 0


class Service(SQLModel, table=True):
    """A consultation or a procedure a citizen can ask for at a kiosk."""

    __tablename__ = "service"

    id: str = Field(primary_key=True, max_length=64)
    provider_id: str = Field(foreign_key="provider.id", index=True, max_length=64)
    kind: str = Field(max_length=16)  # consultation | procedure
    name: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    description: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    icon: str = Field(max_length=32)
    needs_identity_check: bool = False
    # The law that allows collecting a My Number for this service (番号法 別表); None = never read it.
    my_number_legal_basis: str | None = Field(default=None, max_length=200)
    sort_order: int = 0
