#!/usr/bin/env python3
# Adds or replaces strings in a pair of resource files.
# usage: tools/resx.py path/to/XxxText  < lines "Key|中文|English"  (adds or replaces keys in XxxText.resx and XxxText.en-US.resx)
import sys, os, re
from xml.sax.saxutils import escape
import xml.etree.ElementTree as ET
base = sys.argv[1]
HEAD = '''<?xml version="1.0" encoding="utf-8"?>
<root>
  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>
  <resheader name="version"><value>2.0</value></resheader>
  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
'''
def load(p):
    d = {}
    if os.path.exists(p):
        for e in ET.parse(p).getroot().findall('data'):
            d[e.get('name')] = e.find('value').text or ''
    return d
def save(p, d):
    body = ''.join(f'  <data name="{k}" xml:space="preserve"><value>{escape(v)}</value></data>\n' for k, v in d.items())
    open(p, 'w').write(HEAD + body + '</root>\n')
zh, en = load(base + '.resx'), load(base + '.en-US.resx')
for line in sys.stdin:
    line = line.rstrip('\n')
    if not line.strip() or line.startswith('#'): continue
    k, z, e = line.split('|', 2)
    zh[k.strip()] = z.strip(); en[k.strip()] = e.strip()
save(base + '.resx', zh); save(base + '.en-US.resx', en)
print(f'{base}: {len(zh)} keys')
