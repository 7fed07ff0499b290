"""Map the top-level folders onto the one `omt` namespace.

The repository keeps `store/`, `widgets/` and `tools/` at the top, as the partners asked, while the
code imports them as `omt.store`, `omt.widgets` and `omt.tools`. The package list is computed, so a
new subpackage cannot be forgotten in a normal (non-editable) install.
"""

from setuptools import find_packages, setup

FOLDERS = {"omt": "src/omt", "omt.store": "store", "omt.widgets": "widgets", "omt.tools": "tools"}


def mapped_packages() -> list[str]:
    packages = []
    for package, folder in FOLDERS.items():
        packages.append(package)
        packages.extend(f"{package}.{sub}" for sub in find_packages(folder))
    return packages


setup(packages=mapped_packages(), package_dir=FOLDERS)
