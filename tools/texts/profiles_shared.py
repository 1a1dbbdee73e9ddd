# Texts shared by every profile page. (English, German)
R = {
"Nav.Profile": ("Profile", "Profil"),
"Profile.PhotoOf": ("Photo of {0}", "Foto von {0}"),
"Visibility.OnlyMe": ("Only me", "Nur ich"),
"Visibility.Contacts": ("My contacts", "Meine Kontakte"),
"Visibility.Members": ("All members", "Alle Mitglieder"),
"Visibility.Everyone": ("Everyone, also outside the network", "Alle, auch außerhalb des Netzwerks"),
"Profile.TagTooLong": ("Each entry can be at most 60 characters long", "Jeder Eintrag darf höchstens 60 Zeichen lang sein"),
"Profile.TooManyTags": ("That is more entries than allowed here", "Das sind mehr Einträge als hier erlaubt"),
}
