"""Product images: download through the safe fetcher, check, orient, describe."""

from adreel.media.images.check import ImageRejected, ProductImage, inspect_image
from adreel.media.images.download import download_images

__all__ = ["ImageRejected", "ProductImage", "download_images", "inspect_image"]
