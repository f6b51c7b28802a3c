"""Product page → product record and a verdict on whether it is a product page."""

from adreel.media.extract.model import NotAProduct, PageRead, Product, Review, Verdict
from adreel.media.extract.reader import page_url_for_file, read_html, read_url

__all__ = ["NotAProduct", "PageRead", "Product", "Review", "Verdict", "page_url_for_file", "read_html", "read_url"]
