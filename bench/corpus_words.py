"""Word lists for the benchmark corpus (bench/corpus.py). Every name and sentence is invented."""

from __future__ import annotations

GIVEN_MALE = """Hans Jonas Thomas Michael Stefan Andreas Markus Tobias Jan Lukas Felix Matthias Florian Sebastian
Christian Daniel Martin Frank Jürgen Uwe Klaus Peter Wolfgang Ralf Holger Dirk Bernd Karsten Henrik Moritz
Philipp Niklas Oliver Torsten Volker Rainer Georg Konstantin Benedikt Till""".split()
GIVEN_FEMALE = """Anna Sabine Julia Katharina Claudia Petra Andrea Susanne Monika Birgit Karin Martina Nicole Stefanie
Christina Laura Lea Johanna Franziska Miriam Ines Heike Silke Anja Ulrike Bettina Carolin Svenja Nadine Kerstin
Marlene Theresa Ricarda Annette Dorothea Helene Judith Vera Greta Lena""".split()
SURNAMES = """Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Koch Richter Klein Wolf
Schröder Neumann Braun Zimmermann Krüger Hartmann Lange Werner Krause Lehmann Köhler Herrmann Walter Kaiser
Fuchs Peters Lang Möller Weiß Jung Hahn Vogel Friedrich Keller Günther Berger Winkler Roth Beck Lorenz Baumann
Franke Albrecht Schuster Simon Ludwig Böhm Winter Kraus Martin Schumacher Krämer Vogt Stein Jäger Otto Sommer
Groß Seidel Heinrich Brandt Haas Schreiber Graf Dietrich Ziegler Kuhn Kühn Pohl Engel Horn Bergmann Voigt
Thiele Brenner Falkenberg Sauerland Kessler Dornbusch Ellwanger Rautenberg Hollerbach Kranzler Wendland""".split()

# Slavic persons: (given-name spellings, surname spellings, female). German spelling first; articles pick one.
SLAVIC: list[tuple[tuple[str, ...], tuple[str, ...], bool]] = [
    (("Sergej", "Sergey", "Sergei"), ("Gromow", "Gromov"), False),
    (("Dmitri", "Dmitrij", "Dmitry"), ("Lasarew", "Lasarev"), False),
    (("Juri", "Yuri", "Jurij"), ("Tscherkassow", "Cherkassov"), False),
    (("Alexej", "Aleksei", "Alexei"), ("Worobjow", "Vorobyov"), False),
    (("Wladimir", "Vladimir"), ("Schukow", "Shukov"), False),
    (("Andrej", "Andrey", "Andrei"), ("Jermolajew", "Yermolayev", "Yermolaev"), False),
    (("Nikolai", "Nikolaj"), ("Kowalenko", "Kovalenko"), False),
    (("Jewgeni", "Yevgeni", "Jewgenij"), ("Sawtschenko", "Savchenko"), False),
    (("Oleksij", "Oleksiy"), ("Bondartschuk", "Bondarchuk"), False),
    (("Jaroslaw", "Yaroslav"), ("Tkatschenko", "Tkachenko"), False),
    (("Maxim", "Maksim"), ("Orlow", "Orlov"), False),
    (("Sergej", "Sergey"), ("Belizki", "Belitsky"), False),
    (("Tatjana", "Tatyana"), ("Gromowa", "Gromova"), True),
    (("Jelena", "Yelena"), ("Lasarewa", "Lasareva"), True),
    (("Swetlana", "Svetlana"), ("Worobjowa", "Vorobyova"), True),
    (("Walentina", "Valentina"), ("Orlowa", "Orlova"), True),
    (("Natalja", "Natalya"), ("Kowaltschuk", "Kovalchuk"), True),
    (("Olga",), ("Sawtschenko", "Savchenko"), True),
]
SLAVIC_NATIONS = ["russisch", "ukrainisch", "russisch", "belarussisch"]
SLAVIC_ROLES = [("Kreml-Sprecher", "Kreml-Sprecherin"), ("Außenminister", "Außenministerin"),
                ("Verteidigungsminister", "Verteidigungsministerin"), ("Präsident", "Präsidentin"),
                ("Botschafter", "Botschafterin"), ("Vizeregierungschef", "Vizeregierungschefin"),
                ("Präsidentenberater", "Präsidentenberaterin"), ("Regierungschef", "Regierungschefin")]

# Other foreign persons: (nation adjective stem, given names male, given names female, surnames).
FOREIGN: list[tuple[str, list[str], list[str], list[str]]] = [
    ("französisch", ["Étienne", "Laurent", "Olivier", "Mathieu"], ["Claire", "Élodie", "Margaux"],
     ["Dubois", "Fontaine", "Lefèvre", "Moreau", "Garnier", "Rousseau"]),
    ("polnisch", ["Tomasz", "Marek", "Piotr", "Krzysztof"], ["Agnieszka", "Katarzyna", "Magdalena"],
     ["Nowicki", "Kowalczyk", "Wiśniewski", "Zieliński", "Dąbrowski", "Lewandowski"]),
    ("italienisch", ["Giorgio", "Matteo", "Lorenzo"], ["Chiara", "Francesca", "Giulia"],
     ["Bianchi", "Ferraro", "Colombo", "Ricci", "Marino"]),
    ("spanisch", ["Javier", "Alejandro", "Diego"], ["Lucía", "Carmen", "Elena"],
     ["Navarro", "Ortega", "Delgado", "Castillo"]),
    ("amerikanisch", ["Michael", "Robert", "Jeffrey", "Brian"], ["Jennifer", "Rebecca", "Megan"],
     ["Whitfield", "Callahan", "Brennan", "Holloway", "Garrison"]),
    ("britisch", ["Oliver", "Graham", "Nigel"], ["Harriet", "Fiona", "Imogen"],
     ["Ashworth", "Pemberton", "Hartley", "Fairbanks"]),
]
FOREIGN_ROLES = [("Präsident", "Präsidentin"), ("Außenminister", "Außenministerin"),
                 ("Premierminister", "Premierministerin"), ("Verteidigungsminister", "Verteidigungsministerin"),
                 ("Regierungschef", "Regierungschefin"), ("Botschafter", "Botschafterin")]

# German roles: (male, female, institution in the genitive for "ein Sprecher des ...").
GERMAN_ROLES: list[tuple[str, str, str]] = [
    ("Bundeskanzler", "Bundeskanzlerin", "Kanzleramts"), ("Außenminister", "Außenministerin", "Auswärtigen Amts"),
    ("Finanzminister", "Finanzministerin", "Finanzministeriums"),
    ("Verteidigungsminister", "Verteidigungsministerin", "Verteidigungsministeriums"),
    ("Innenminister", "Innenministerin", "Innenministeriums"),
    ("Wirtschaftsminister", "Wirtschaftsministerin", "Wirtschaftsministeriums"),
    ("Gesundheitsminister", "Gesundheitsministerin", "Gesundheitsministeriums"),
    ("Regierungssprecher", "Regierungssprecherin", "Bundespresseamts"),
    ("Ministerpräsident", "Ministerpräsidentin", "Staatskanzlei"),
    ("Bürgermeister", "Bürgermeisterin", "Rathauses"), ("Fraktionschef", "Fraktionschefin", "Fraktion"),
    ("Parteichef", "Parteichefin", "Parteivorstands"), ("Oppositionsführer", "Oppositionsführerin", "Fraktion"),
    ("Staatssekretär", "Staatssekretärin", "Ministeriums"), ("Landrat", "Landrätin", "Landratsamts"),
    ("Gewerkschaftschef", "Gewerkschaftschefin", "Gewerkschaftsbundes"),
    ("Polizeisprecher", "Polizeisprecherin", "Polizeipräsidiums"), ("Chefökonom", "Chefökonomin", "Instituts"),
    ("Verbandspräsident", "Verbandspräsidentin", "Verbandes"), ("Vorstandschef", "Vorstandschefin", "Konzerns"),
]
INSTITUTIONS_GEN = ["des Auswärtigen Amts", "des Verteidigungsministeriums", "des Innenministeriums",
                    "der Bundesregierung", "des Kremls", "des Weißen Hauses", "der Staatsanwaltschaft",
                    "der EU-Kommission", "der Nato", "des Finanzministeriums"]
INSTITUTIONS_NOM = ["Die Bundesregierung", "Das Auswärtige Amt", "Der Kreml", "Das Weiße Haus", "Die Polizei",
                    "Die Staatsanwaltschaft", "Die EU-Kommission", "Das Verteidigungsministerium"]

CITIES = """Berlin München Hamburg Köln Frankfurt Stuttgart Dresden Leipzig Hannover Düsseldorf Brüssel Paris
Warschau Rom Madrid London Wien Prag Genf Moskau Kiew Washington Straßburg Helsinki""".split()
SOURCES = ["Berliner Morgenblatt", "Rheinischer Bote", "Hanseatische Rundschau", "Süddeutscher Kurier",
           "Mitteldeutsche Allgemeine", "Ostsee-Nachrichten", "Westfälische Tagespost", "Badischer Anzeiger"]
AUTHORS = ["Laura Schmidt", "Tim Brückner", "Nora Feldhaus", "Jakob Reimann", "Elif Demir", "Paul Gerstner"]

# Topics: (title word, accusative phrase, dative phrase).
TOPICS = [
    ("Energiewende", "die Energiewende", "der Energiewende"), ("Haushalt", "den Haushalt", "dem Haushalt"),
    ("Migration", "die Migrationspolitik", "der Migrationspolitik"),
    ("Sanktionen", "die Sanktionen", "den Sanktionen"), ("Rüstung", "die Rüstungsexporte", "den Rüstungsexporten"),
    ("Gaspreise", "die Gaspreise", "den Gaspreisen"), ("Netzausbau", "den Netzausbau", "dem Netzausbau"),
    ("Grenzkontrollen", "die Grenzkontrollen", "den Grenzkontrollen"),
    ("Waffenruhe", "die Waffenruhe", "der Waffenruhe"), ("Handel", "das Handelsabkommen", "dem Handelsabkommen"),
    ("Klimaschutz", "den Klimaschutz", "dem Klimaschutz"), ("Rente", "die Rentenreform", "der Rentenreform"),
    ("Krankenhäuser", "die Krankenhausreform", "der Krankenhausreform"),
    ("Getreide", "die Getreideexporte", "den Getreideexporten"), ("Luftabwehr", "die Luftabwehr", "der Luftabwehr"),
]

# Direct quotes; {acc} and {dat} are filled from the topic.
QUOTES = [
    "Wir werden {acc} nicht aufs Spiel setzen", "Das Gespräch war offen und ehrlich",
    "Wir dürfen keine Zeit mehr verlieren", "Bei {dat} gibt es keinen Spielraum mehr",
    "Ich erwarte, dass alle Seiten ihre Zusagen einhalten", "Das ist ein wichtiger Schritt nach vorn",
    "Die Lage ist ernst, aber nicht hoffnungslos", "Wir stehen zu unserem Wort",
    "Niemand sollte unsere Geduld mit Schwäche verwechseln", "Über {acc} wird nicht in Hinterzimmern entschieden",
    "Wir haben in vielen Punkten Einigkeit erzielt", "Ich mache mir große Sorgen um {acc}",
    "Es gibt noch viel zu tun", "Das werden wir so nicht hinnehmen",
    "Die Vorwürfe entbehren jeder Grundlage", "Wir brauchen bei {dat} endlich Verlässlichkeit",
    "Ich bin zuversichtlich, dass wir noch vor dem Sommer eine Lösung finden",
    "Die Menschen erwarten zu Recht, dass wir liefern", "Wir lassen uns nicht unter Druck setzen",
    "Das war ein gutes und konstruktives Gespräch", "Europa muss jetzt mit einer Stimme sprechen",
    "Wer jetzt zögert, trägt die Verantwortung für die Folgen", "Von einem Durchbruch kann keine Rede sein",
    "Ohne eine Einigung bei {dat} wird es nicht gehen", "Wir haben unsere Position deutlich gemacht",
]
QUESTIONS = ["Wer soll das am Ende bezahlen?", "Wie lange wollen wir noch warten?",
             "Was ist aus den Zusagen vom Frühjahr geworden?"]

# Reported statements: (subject, Konjunktiv I verb, indicative verb, rest); see corpus.statement().
STATEMENTS = [
    ("die Lage", "sei", "ist", "ernst, aber beherrschbar"),
    ("man", "werde", "wird", "{acc} weiter entschlossen vorantreiben"),
    ("die Gespräche", "seien", "sind", "konstruktiv verlaufen"),
    ("es", "gebe", "gibt", "keinen Grund zur Panik"),
    ("die Vorwürfe", "seien", "sind", "haltlos"),
    ("man", "habe", "hat", "über {acc} ausführlich gesprochen"),
    ("die Regierung", "wolle", "will", "an ihren Plänen festhalten"),
    ("beide Seiten", "wollten", "wollen", "bei {dat} enger zusammenarbeiten"),
    ("eine Einigung", "sei", "ist", "noch nicht in Sicht"),
    ("das Land", "stehe", "steht", "zu seinen Zusagen"),
    ("die Kosten", "seien", "sind", "bislang deutlich unterschätzt worden"),
    ("man", "müsse", "muss", "bei {dat} schneller werden"),
    ("weitere Gespräche", "seien", "sind", "bereits vereinbart"),
    ("der Vorschlag", "gehe", "geht", "in die richtige Richtung"),
]
SPEECH_VERBS = ["sagte", "sagte", "betonte", "erklärte", "warnte", "bekräftigte", "versicherte", "kritisierte"]
BACKGROUND = [
    "Seit Wochen wird in der Koalition über {acc} gestritten.", "Die Verhandlungen gelten als schwierig.",
    "Bei {dat} liegen die Positionen weiterhin weit auseinander.", "Beobachter werten das als Signal der Annäherung.",
    "Eine offizielle Stellungnahme gab es zunächst nicht.", "Der Streit um {acc} schwelt seit Monaten.",
    "In der Opposition stieß das Vorgehen auf Kritik.", "Die Details sollen in den kommenden Wochen geklärt werden.",
]
