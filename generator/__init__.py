"""The Smart City forum's knowledge base: content validator and static site generator."""

__version__ = "0.1.0"
