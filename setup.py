"""Map the top-level folders onto the one `omt` namespace.

The repository keeps `store/`, `widgets/` and `tools/` at the top, as the partners asked, while the
code imports them as `omt.store`, `omt.widgets` and `omt.tools`. The package list is computed, so a
new subpackage or data folder cannot be forgotten in a normal (non-editable) install.
"""

from setuptools import find_namespace_packages, setup

FOLDERS = {"omt": "src/omt", "omt.store": "store", "omt.widgets": "widgets", "omt.tools": "tools"}


def mapped_packages() -> list[str]:
    """Return every folder below FOLDERS as a package, data-only folders included.

    Folders of data only (translation catalogs, form definitions, the Voilà template) are listed
    too, so that setuptools ships their files as package data without warning that it would
    ignore them.
    """
    packages = []
    for package, folder in FOLDERS.items():
        packages.append(package)
        packages.extend(f"{package}.{sub}" for sub in find_namespace_packages(folder)
                        if "__pycache__" not in sub)
    return packages


setup(packages=mapped_packages(), package_dir=FOLDERS)
