"""Word lists for the benchmark corpus (bench/corpus.py). Every name and sentence is invented."""

from __future__ import annotations

GIVEN_MALE = """Hans Jonas Thomas Michael Stefan Andreas Markus Tobias Jan Lukas Felix Matthias Florian Sebastian
Christian Daniel Martin Frank Jürgen Uwe Klaus Peter Wolfgang Ralf Holger Dirk Bernd Karsten Henrik Moritz
Philipp Niklas Oliver Torsten Volker Rainer Georg Konstantin Benedikt Till Alexander Johannes Maximilian David
Simon Julian Fabian Dominik Kai Lars Sven Jens Heiko Norbert Gerhard Manfred Helmut Dieter Joachim Reinhard
Ulrich Bernhard Christoph Carsten Marcel Robin Timo Hendrik Malte Ole Arne Leon Paul Elias Vincent Cem""".split()
GIVEN_FEMALE = """Anna Sabine Julia Katharina Claudia Petra Andrea Susanne Monika Birgit Karin Martina Nicole Stefanie
Christina Laura Lea Johanna Franziska Miriam Ines Heike Silke Anja Ulrike Bettina Carolin Svenja Nadine Kerstin
Marlene Theresa Ricarda Annette Dorothea Helene Judith Vera Greta Lena Sarah Hannah Lisa Maren Jana Tanja
Simone Manuela Renate Gabriele Ursula Barbara Brigitte Elke Angelika Christiane Cornelia Daniela Doris Eva
Friederike Gesa Henrike Isabel Jutta Kirsten Larissa Melanie Nina Paula Regina Sophie Wiebke Aylin""".split()
SURNAMES = """Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Koch Richter Klein Wolf
Schröder Neumann Braun Zimmermann Krüger Hartmann Lange Werner Krause Lehmann Köhler Herrmann Walter Kaiser
Fuchs Peters Lang Möller Weiß Jung Hahn Vogel Friedrich Keller Günther Berger Winkler Roth Beck Lorenz Baumann
Franke Albrecht Schuster Simon Ludwig Böhm Winter Kraus Martin Schumacher Krämer Vogt Stein Jäger Otto Sommer
Groß Seidel Heinrich Brandt Haas Schreiber Graf Dietrich Ziegler Kuhn Kühn Pohl Engel Horn Bergmann Voigt
Thiele Brenner Falkenberg Sauerland Kessler Dornbusch Ellwanger Rautenberg Hollerbach Kranzler Wendland
Busch Schubert Arnold Ernst Beyer Thomas Sauer Pfeiffer Frank Schulte Lindner Schmitz Marx Jansen
Kuhlmann Böttcher Ritter Kolb Reuter Brinkmann Schenk Pietsch Wirth Rieger Gebhardt Hein Wilke Ullrich Kirchner
Mertens Rösler Hesse Nagel Hummel Nickel Busse Lenz Kühne Riedel Wittmann Sander Rothe Burkhardt Ebert Kretschmer
Scholz Schäfer Schwarz Kraft Brandl Hübner Dreyer Steffen Menzel Schmid Herzog Schott Witt Stark Frey Fink
Bauer Engelhardt Bachmann Hauser Geiger Löffler Kopp Göbel Stoll Gerlach Heller Bock Ott Wendt Maurer Rudolph
Stahl Lindemann Adler Decker Rademacher Behrens Bischoff Hecht Lutz Mayr Blum Pfaff Michel Ahrens Petersen
Hagedorn Brückmann Westphal Lüdke Kettler Hollmann Steinbach Overbeck Eichhorn Kampmann Tiedemann Rehberg""".split()

# Slavic persons: (given-name spellings, surname spellings, female). German spelling first; articles pick one.
# The first ones are the corpus's fixed, prominent persons; more are combined from the lists below.
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
# Given names: spellings, German first. Each group folds to one key in kg.resolve.names, and no two groups do.
SLAVIC_GIVEN_MALE: list[tuple[str, ...]] = [
    ("Sergej", "Sergey", "Sergei"), ("Dmitri", "Dmitrij", "Dmitry"), ("Juri", "Yuri", "Jurij"),
    ("Alexej", "Aleksei", "Alexei"), ("Wladimir", "Vladimir"), ("Andrej", "Andrey", "Andrei"),
    ("Nikolai", "Nikolaj"), ("Jewgeni", "Yevgeni", "Jewgenij"), ("Oleksij", "Oleksiy"), ("Jaroslaw", "Yaroslav"),
    ("Maxim", "Maksim"), ("Pawel", "Pavel"), ("Wiktor", "Viktor"), ("Boris",), ("Igor",), ("Anatoli", "Anatoly"),
    ("Grigori", "Grigory"), ("Wassili", "Vasily"), ("Timofej", "Timofey"), ("Stanislaw", "Stanislav"),
    ("Bogdan",), ("Ilja", "Ilya"), ("Arkadi", "Arkady"), ("Roman",), ("Wadim", "Vadim"), ("Gennadi", "Gennady"),
]
SLAVIC_GIVEN_FEMALE: list[tuple[str, ...]] = [
    ("Tatjana", "Tatyana"), ("Jelena", "Yelena"), ("Swetlana", "Svetlana"), ("Walentina", "Valentina"),
    ("Natalja", "Natalya"), ("Olga",), ("Irina",), ("Marija", "Maria"), ("Ljudmila", "Lyudmila"), ("Oksana",),
    ("Julija", "Yulia"), ("Galina",), ("Anastassija", "Anastasia"), ("Darja", "Darya"), ("Wera", "Vera"),
    ("Xenija", "Ksenia"),
]
# Surnames: (male spellings, female spellings); Ukrainian -enko and -tschuk do not change.
SLAVIC_SURNAMES: list[tuple[tuple[str, ...], tuple[str, ...]]] = [
    (("Gromow", "Gromov"), ("Gromowa", "Gromova")), (("Lasarew", "Lasarev"), ("Lasarewa", "Lasareva")),
    (("Tscherkassow", "Cherkassov"), ("Tscherkassowa", "Cherkassova")),
    (("Worobjow", "Vorobyov"), ("Worobjowa", "Vorobyova")), (("Schukow", "Shukov"), ("Schukowa", "Shukova")),
    (("Orlow", "Orlov"), ("Orlowa", "Orlova")), (("Sokolow", "Sokolov"), ("Sokolowa", "Sokolova")),
    (("Wolkow", "Volkov"), ("Wolkowa", "Volkova")), (("Lebedew", "Lebedev"), ("Lebedewa", "Lebedeva")),
    (("Nowikow", "Novikov"), ("Nowikowa", "Novikova")), (("Pawlow", "Pavlov"), ("Pawlowa", "Pavlova")),
    (("Semjonow", "Semyonov"), ("Semjonowa", "Semyonova")), (("Winogradow", "Vinogradov"),
                                                             ("Winogradowa", "Vinogradova")),
    (("Bogdanow", "Bogdanov"), ("Bogdanowa", "Bogdanova")), (("Tarassow", "Tarasov"), ("Tarassowa", "Tarasova")),
    (("Beljajew", "Belyaev"), ("Beljajewa", "Belyaeva")), (("Gussew", "Gusev"), ("Gussewa", "Guseva")),
    (("Jegorow", "Yegorov"), ("Jegorowa", "Yegorova")), (("Medwedew", "Medvedev"), ("Medwedewa", "Medvedeva")),
    (("Markow", "Markov"), ("Markowa", "Markova")),
    (("Kowalenko", "Kovalenko"),) * 2, (("Sawtschenko", "Savchenko"),) * 2, (("Tkatschenko", "Tkachenko"),) * 2,
    (("Schewtschenko", "Shevchenko"),) * 2, (("Kravtschenko", "Kravchenko"),) * 2, (("Martschenko", "Marchenko"),) * 2,
    (("Bondartschuk", "Bondarchuk"),) * 2, (("Kowaltschuk", "Kovalchuk"),) * 2, (("Jurtschenko", "Yurchenko"),) * 2,
    (("Melnytschenko", "Melnychenko"),) * 2,
]
SLAVIC_NATIONS = ["russisch", "ukrainisch", "russisch", "belarussisch"]
SLAVIC_ROLES = [("Kreml-Sprecher", "Kreml-Sprecherin"), ("Außenminister", "Außenministerin"),
                ("Verteidigungsminister", "Verteidigungsministerin"), ("Präsident", "Präsidentin"),
                ("Botschafter", "Botschafterin"), ("Vizeregierungschef", "Vizeregierungschefin"),
                ("Präsidentenberater", "Präsidentenberaterin"), ("Regierungschef", "Regierungschefin")]

# Other foreign persons: (nation adjective stem, given names male, given names female, surnames).
FOREIGN: list[tuple[str, list[str], list[str], list[str]]] = [
    ("französisch", ["Étienne", "Laurent", "Olivier", "Mathieu", "Julien", "Antoine", "Thibault", "Guillaume"],
     ["Claire", "Élodie", "Margaux", "Sophie", "Camille", "Isabelle", "Amélie"],
     ["Dubois", "Fontaine", "Lefèvre", "Moreau", "Garnier", "Rousseau", "Mercier", "Bonnet", "Girard", "Chevalier",
      "Lambert", "Faure", "Blanchard", "Gauthier", "Perrin", "Marchand", "Duval", "Leclerc", "Barbier", "Roussel"]),
    ("polnisch", ["Tomasz", "Marek", "Piotr", "Krzysztof", "Paweł", "Grzegorz", "Wojciech", "Jacek"],
     ["Agnieszka", "Katarzyna", "Magdalena", "Małgorzata", "Joanna", "Ewa", "Beata"],
     ["Nowicki", "Kowalczyk", "Wiśniewski", "Zieliński", "Dąbrowski", "Lewandowski", "Wójcik", "Kamiński",
      "Szymański", "Woźniak", "Kozłowski", "Jankowski", "Mazur", "Krawczyk", "Piotrowski", "Grabowski",
      "Pawlak", "Michalski", "Sikora", "Baran"]),
    ("italienisch", ["Giorgio", "Matteo", "Lorenzo", "Alessandro", "Riccardo", "Stefano", "Davide"],
     ["Chiara", "Francesca", "Giulia", "Valentina", "Alessia", "Silvia", "Federica"],
     ["Bianchi", "Ferraro", "Colombo", "Ricci", "Marino", "Greco", "Bruno", "Gallo", "Conti", "De Luca", "Costa",
      "Giordano", "Mancini", "Rizzo", "Lombardi", "Moretti", "Barbieri", "Fontana", "Santoro", "Mariani"]),
    ("spanisch", ["Javier", "Alejandro", "Diego", "Pablo", "Sergio", "Álvaro", "Rodrigo"],
     ["Lucía", "Carmen", "Elena", "Pilar", "Marta", "Cristina", "Raquel"],
     ["Navarro", "Ortega", "Delgado", "Castillo", "Romero", "Álvarez", "Torres", "Domínguez", "Vázquez", "Ramos",
      "Gil", "Serrano", "Molina", "Morales", "Suárez", "Ortiz", "Iglesias", "Medina", "Garrido", "Cortés"]),
    ("amerikanisch", ["Michael", "Robert", "Jeffrey", "Brian", "Kevin", "Scott", "Gregory", "Douglas"],
     ["Jennifer", "Rebecca", "Megan", "Ashley", "Kimberly", "Lauren", "Allison"],
     ["Whitfield", "Callahan", "Brennan", "Holloway", "Garrison", "McAllister", "Thornton", "Sullivan", "Prescott",
      "Donovan", "Whitaker", "Caldwell", "Harrington", "Lockwood", "Mercer", "Bradshaw", "Kendrick", "Sheridan",
      "Carver", "Ellison"]),
    ("britisch", ["Oliver", "Graham", "Nigel", "Rupert", "Alistair", "Hugh", "Simon"],
     ["Harriet", "Fiona", "Imogen", "Penelope", "Rosalind", "Philippa", "Gwendolyn"],
     ["Ashworth", "Pemberton", "Hartley", "Fairbanks", "Cavendish", "Whitmore", "Blackwood", "Kingsley", "Hollis",
      "Stanhope", "Wainwright", "Aldridge", "Penrose", "Radcliffe", "Chadwick", "Bramwell", "Fletcher",
      "Worthington", "Langley", "Hargreaves"]),
    ("österreichisch", ["Florian", "Markus", "Stefan", "Wolfgang", "Christoph", "Lukas", "Andreas", "Gernot"],
     ["Sabine", "Birgit", "Claudia", "Elisabeth", "Theresa", "Magdalena", "Karoline"],
     ["Gruber", "Huber", "Pichler", "Moser", "Steiner", "Hofer", "Leitner", "Berger", "Eder", "Fischer", "Mayrhofer",
      "Wimmer", "Brunner", "Lechner", "Aigner", "Holzer", "Auer", "Egger", "Reiter", "Haider", "Strasser", "Windisch"]),
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
