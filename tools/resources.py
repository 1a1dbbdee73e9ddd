# Writes src/NetworkPlatform.Web/Resources/SharedResource.{en,de}.resx from the texts in tools/texts/*.py.
# Each module there holds one area's texts as R = {"Key": ("English", "German")}. Run `python3 tools/resources.py`
# after changing a text; both .resx files are committed (and regenerated, never merged by hand).
import importlib.util
import os
from xml.sax.saxutils import escape

here = os.path.dirname(os.path.abspath(__file__))


def load_texts():
    texts = {}
    folder = os.path.join(here, "texts")
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".py"):
            continue
        spec = importlib.util.spec_from_file_location(name[:-3], os.path.join(folder, name))
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        for key, value in module.R.items():
            if key in texts:
                raise SystemExit(f"{key} is defined twice (second time in {name})")
            texts[key] = value
    return texts


if __name__ == "__main__":
    R = load_texts()
    out = os.path.join(here, "..", "src", "NetworkPlatform.Web", "Resources")
    head = '''<?xml version="1.0" encoding="utf-8"?>
<root>
  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>
  <resheader name="version"><value>2.0</value></resheader>
  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
'''
    for idx, lang in ((0, "en"), (1, "de")):
        with open(os.path.join(out, f"SharedResource.{lang}.resx"), "w", encoding="utf-8") as f:
            f.write(head)
            for k in sorted(R):
                f.write(f'  <data name="{escape(k)}" xml:space="preserve"><value>{escape(R[k][idx])}</value></data>\n')
            f.write("</root>\n")
    print(f"{len(R)} texts written")
