#!/usr/bin/env python3
"""Writes common-passwords.txt: guessable passwords of 12 or more characters.

Written from memory, NOT downloaded: the base words are passwords that top
every published breach list (RockYou, the yearly "worst passwords" lists,
NCSC's 100k list), typed from memory, then combined the way people stretch a
short password to pass a length rule (digits, years, "!", doubling, keyboard
walks). Only entries of 12+ characters matter: shorter ones are refused by
length anyway. Lowercase; the server lowercases before looking up.
Run: python3 assets/make-common-passwords.py > assets/common-passwords.txt
"""
import itertools

bases = """password passw0rd p@ssword p@ssw0rd qwerty qwertyuiop asdfgh asdfghjkl zxcvbnm
iloveyou letmein welcome monkey dragon football baseball sunshine princess admin
master shadow superman batman trustno1 abc123 starwars whatever michael jordan
charlie freedom hello hello123 login secret summer winter spring autumn
computer internet london manchester liverpool chelsea arsenal tottenham
liverpoolfc chelseafc arsenalfc england scotland wales ireland football1
changeme default guest test tester letmein1 welcome1 iloveyou1 soccer hockey
killer pepper cookie cheese chocolate banana orange apple flower butterfly
jennifer jessica ashley daniel thomas robert andrew joshua matthew anthony
nicole amanda michelle hannah samantha lovely loveme mylove babygirl angel
tigger buster ginger harley maggie bailey daisy lucky snoopy pokemon naruto
minecraft fortnite roblox google facebook youtube microsoft apple123 samsung
qazwsx qazwsxedc 1qaz2wsx zaq12wsx 1q2w3e4r 1q2w3e4r5t 123qwe qwe123 q1w2e3r4
access matrix mustang ranger hunter thunder silver golden diamond dolphin
engage council service centre center support helpdesk office staff manager
wordpass passpass adminadmin rootroot administrator root toor user username
""".split()

suffixes = ["", "1", "12", "123", "1234", "12345", "123456", "!", "1!", "123!", "@123",
            "01", "007", "69", "99", "2020", "2021", "2022", "2023", "2024", "2025",
            "2026", "2027", "#1", "!!", "1234!", "12345!"]
suffixes += [str(y) for y in range(1950, 2031)]

out = set()
for b in bases:
    for s in suffixes:
        for w in {b, b.capitalize()}:
            out.add((w + s).lower())
    out.add((b + b).lower())
    out.add((b * 3).lower())

walks = ["1234567890", "0987654321", "qwertyuiop", "asdfghjkl", "zxcvbnm",
         "1qaz2wsx3edc", "qazwsxedcrfv", "!qaz@wsx", "1q2w3e4r5t6y", "q1w2e3r4t5y6",
         "zaq1xsw2cde3", "poiuytrewq", "lkjhgfdsa", "mnbvcxz"]
for a, b in itertools.product(walks, repeat=2):
    out.add(a + b)
for w in walks:
    for s in suffixes:
        out.add(w + s)
for n in range(12, 21):
    out.add(("1234567890" * 3)[:n])
    out.add(("0987654321" * 3)[:n])
    for d in "0123456789abcdefghijklmnopqrstuvwxyz":
        out.add(d * n)
    out.add(("12" * n)[:n])
    out.add(("abc" * n)[:n])
    out.add(("123" * n)[:n])
    out.add(("abcd" * n)[:n])
    out.add(("1234" * n)[:n])
    out.add(("qwerty" * n)[:n])
    out.add(("password" * n)[:n])

phrases = """iloveyouforever letmeinplease correcthorsebatterystaple trustnoone
passwordpassword opensesame givemeaccess idontknow idontremember forgotmypassword
mypasswordis thisismypassword changemenow changeme123 welcometothejungle
whatisthepassword nopassword passwordispassword iloveyoubaby ilovemymom
ilovemyfamily ilovemykids ilovegod godisgood jesuschrist jesusislord blessed
""".split()
for p in phrases:
    for s in suffixes[:12]:
        out.add(p + s)

for line in sorted(w for w in out if len(w) >= 12):
    print(line)
