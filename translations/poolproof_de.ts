<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>Cli</name>
    <message>
        <source>unknown command &quot;%1&quot;</source>
        <translation>unbekannter Befehl „%1“</translation>
    </message>
    <message>
        <source>scan, check the environments and export DATABASE.md, JSON, SARIF or HTML</source>
        <translation>scannen, die Umgebungen prüfen und DATABASE.md, JSON, SARIF oder HTML exportieren</translation>
    </message>
    <message>
        <source>scan a repository for what breaks behind a transaction pooler</source>
        <translation>ein Repository nach dem durchsuchen, was hinter einem Transaktions-Pooler bricht</translation>
    </message>
    <message>
        <source>parse connection strings as libpq does and check them</source>
        <translation>Verbindungszeichenfolgen so parsen wie libpq und prüfen</translation>
    </message>
    <message>
        <source>list a repository&apos;s environments and their connection strings</source>
        <translation>die Umgebungen eines Repositorys und ihre Verbindungszeichenfolgen auflisten</translation>
    </message>
    <message>
        <source>tell, statement by statement, what SQL does to session state</source>
        <translation>Anweisung für Anweisung sagen, was SQL mit dem Sitzungszustand macht</translation>
    </message>
    <message>
        <source>Usage: poolproof-cli COMMAND [OPTIONS]</source>
        <translation>Aufruf: poolproof-cli BEFEHL [OPTIONEN]</translation>
    </message>
    <message>
        <source>Commands:</source>
        <translation>Befehle:</translation>
    </message>
    <message>
        <source>Options:</source>
        <translation>Optionen:</translation>
    </message>
    <message>
        <source>print the version</source>
        <translation>die Version ausgeben</translation>
    </message>
    <message>
        <source>print this help; COMMAND --help for a command&apos;s options</source>
        <translation>diese Hilfe ausgeben; BEFEHL --help für die Optionen eines Befehls</translation>
    </message>
    <message>
        <source>connect to a database or PgBouncer and check what it really does</source>
        <translation>mit einer Datenbank oder PgBouncer verbinden und prüfen, was dort wirklich geschieht</translation>
    </message>
</context>
<context>
    <name>RuleDoc</name>
    <message>
        <source>usage: poolproof-ruledoc OUTPUT_DIR</source>
        <translation>Aufruf: poolproof-ruledoc AUSGABEORDNER</translation>
    </message>
    <message>
        <source>cannot create %1</source>
        <translation>%1 kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>cannot remove the outdated page %1</source>
        <translation>die veraltete Seite %1 kann nicht entfernt werden</translation>
    </message>
</context>
<context>
    <name>SqlCheck</name>
    <message>
        <source>Parses SQL with the PostgreSQL parser and tells, for each statement, whether it leaves state on the server connection.</source>
        <translation>Liest SQL mit dem PostgreSQL-Parser und sagt für jede Anweisung, ob sie Zustand auf der Serververbindung hinterlässt.</translation>
    </message>
    <message>
        <source>Output format: text or json.</source>
        <translation>Ausgabeformat: text oder json.</translation>
    </message>
    <message>
        <source>format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>Read the SQL from a file (- for standard input).</source>
        <translation>Das SQL aus einer Datei lesen (- für die Standardeingabe).</translation>
    </message>
    <message>
        <source>path</source>
        <translation>Pfad</translation>
    </message>
    <message>
        <source>The SQL text; several arguments are joined with spaces.</source>
        <translation>Der SQL-Text; mehrere Argumente werden mit Leerzeichen verbunden.</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>no SQL given (pass it as an argument or with --file)</source>
        <translation>kein SQL angegeben (als Argument oder mit --file übergeben)</translation>
    </message>
    <message>
        <source>the SQL does not parse: %1</source>
        <translation>das SQL lässt sich nicht parsen: %1</translation>
    </message>
    <message>
        <source>the SQL does not parse: %1 (at position %2)</source>
        <translation>das SQL lässt sich nicht parsen: %1 (an Position %2)</translation>
    </message>
</context>
<context>
    <name>SqlDescription</name>
    <message>
        <source>leaves no session state behind</source>
        <translation>hinterlässt keinen Sitzungszustand</translation>
    </message>
    <message>
        <source>session-level SET: the value stays on the server connection after the transaction ends</source>
        <translation>SET auf Sitzungsebene: der Wert bleibt nach dem Ende der Transaktion auf der Serververbindung</translation>
    </message>
    <message>
        <source>transaction-local SET: the value is reverted when the transaction ends</source>
        <translation>transaktionslokales SET: der Wert wird am Ende der Transaktion zurückgesetzt</translation>
    </message>
    <message>
        <source>session-level RESET: changes the server connection&apos;s settings for whoever uses it next</source>
        <translation>RESET auf Sitzungsebene: ändert die Einstellungen der Serververbindung für alle, die sie danach nutzen</translation>
    </message>
    <message>
        <source>SET ROLE: changes the role of the server connection for the rest of the session</source>
        <translation>SET ROLE: ändert die Rolle der Serververbindung für den Rest der Sitzung</translation>
    </message>
    <message>
        <source>SET SESSION AUTHORIZATION: changes the user of the server connection for the rest of the session</source>
        <translation>SET SESSION AUTHORIZATION: ändert den Benutzer der Serververbindung für den Rest der Sitzung</translation>
    </message>
    <message>
        <source>sets the default transaction characteristics for the rest of the session</source>
        <translation>setzt die Standardeigenschaften von Transaktionen für den Rest der Sitzung</translation>
    </message>
    <message>
        <source>sets the characteristics of the current transaction only</source>
        <translation>setzt nur die Eigenschaften der laufenden Transaktion</translation>
    </message>
    <message>
        <source>LISTEN: subscribes the server connection, not the client, to a channel</source>
        <translation>LISTEN: abonniert einen Kanal für die Serververbindung, nicht für den Client</translation>
    </message>
    <message>
        <source>UNLISTEN: ends a subscription held by the server connection</source>
        <translation>UNLISTEN: beendet ein Abonnement der Serververbindung</translation>
    </message>
    <message>
        <source>NOTIFY: sends a notification when the transaction commits; no session state</source>
        <translation>NOTIFY: sendet eine Benachrichtigung beim Commit der Transaktion; kein Sitzungszustand</translation>
    </message>
    <message>
        <source>SQL PREPARE: creates a prepared statement that lives on the server connection</source>
        <translation>SQL-PREPARE: legt eine vorbereitete Anweisung an, die auf der Serververbindung lebt</translation>
    </message>
    <message>
        <source>SQL EXECUTE: runs a prepared statement that must exist on this server connection</source>
        <translation>SQL-EXECUTE: führt eine vorbereitete Anweisung aus, die auf dieser Serververbindung existieren muss</translation>
    </message>
    <message>
        <source>SQL DEALLOCATE: removes a prepared statement from the server connection</source>
        <translation>SQL-DEALLOCATE: entfernt eine vorbereitete Anweisung von der Serververbindung</translation>
    </message>
    <message>
        <source>DEALLOCATE ALL: removes every prepared statement of the server connection</source>
        <translation>DEALLOCATE ALL: entfernt alle vorbereiteten Anweisungen der Serververbindung</translation>
    </message>
    <message>
        <source>DISCARD ALL: resets the whole session state of the server connection</source>
        <translation>DISCARD ALL: setzt den gesamten Sitzungszustand der Serververbindung zurück</translation>
    </message>
    <message>
        <source>DISCARD: resets part of the session state of the server connection</source>
        <translation>DISCARD: setzt einen Teil des Sitzungszustands der Serververbindung zurück</translation>
    </message>
    <message>
        <source>cursor WITH HOLD: stays open on the server connection after the transaction commits</source>
        <translation>Cursor WITH HOLD: bleibt nach dem Commit auf der Serververbindung offen</translation>
    </message>
    <message>
        <source>cursor without hold: closed when the transaction ends</source>
        <translation>Cursor ohne HOLD: wird am Ende der Transaktion geschlossen</translation>
    </message>
    <message>
        <source>temporary object that lives on the server connection until the session ends</source>
        <translation>temporäres Objekt, das bis zum Sitzungsende auf der Serververbindung lebt</translation>
    </message>
    <message>
        <source>temporary table dropped at commit: no session state</source>
        <translation>temporäre Tabelle, die beim Commit gelöscht wird: kein Sitzungszustand</translation>
    </message>
    <message>
        <source>LOAD: loads a shared library into the server connection for the rest of the session</source>
        <translation>LOAD: lädt eine gemeinsame Bibliothek für den Rest der Sitzung in die Serververbindung</translation>
    </message>
    <message>
        <source>transaction control</source>
        <translation>Transaktionssteuerung</translation>
    </message>
    <message>
        <source>session advisory lock: held by the server connection until unlocked or the session ends</source>
        <translation>Advisory Lock auf Sitzungsebene: von der Serververbindung gehalten, bis er freigegeben wird oder die Sitzung endet</translation>
    </message>
    <message>
        <source>session advisory unlock: only works on the server connection that took the lock</source>
        <translation>Freigabe eines Advisory Locks auf Sitzungsebene: wirkt nur auf der Serververbindung, die den Lock hält</translation>
    </message>
    <message>
        <source>transaction advisory lock: released when the transaction ends</source>
        <translation>Advisory Lock auf Transaktionsebene: wird am Ende der Transaktion freigegeben</translation>
    </message>
    <message>
        <source>set_config(…, false): a session-level setting</source>
        <translation>set_config(…, false): eine Einstellung auf Sitzungsebene</translation>
    </message>
    <message>
        <source>set_config(…, true): a transaction-local setting</source>
        <translation>set_config(…, true): eine transaktionslokale Einstellung</translation>
    </message>
    <message>
        <source>set_config with a scope that is not a constant: may be session-level</source>
        <translation>set_config mit einem Geltungsbereich, der keine Konstante ist: möglicherweise auf Sitzungsebene</translation>
    </message>
    <message>
        <source>pg_notify: sends a notification when the transaction commits; no session state</source>
        <translation>pg_notify: sendet eine Benachrichtigung beim Commit der Transaktion; kein Sitzungszustand</translation>
    </message>
    <message>
        <source>currval/lastval: read a value the session remembers from an earlier nextval</source>
        <translation>currval/lastval: lesen einen Wert, den sich die Sitzung von einem früheren nextval gemerkt hat</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Checks a backend for PgBouncer transaction pooling.</source>
        <translation>Prüft ein Backend auf PgBouncer-Transaktionspooling.</translation>
    </message>
    <message>
        <source>Save a screenshot of the window to FILE and quit.</source>
        <translation>Ein Bildschirmfoto des Fensters in DATEI speichern und beenden.</translation>
    </message>
    <message>
        <source>A folder to scan or a file to show.</source>
        <translation>Ein Ordner zum Scannen oder eine Datei zum Anzeigen.</translation>
    </message>
    <message>
        <source>Grade findings for pooler profile ID.</source>
        <translation>Befunde für das Pooler-Profil ID bewerten.</translation>
    </message>
    <message>
        <source>Use a dark palette.</source>
        <translation>Eine dunkle Farbpalette verwenden.</translation>
    </message>
    <message>
        <source>Window size, e.g. 1500x940.</source>
        <translation>Fenstergröße, z. B. 1500x940.</translation>
    </message>
    <message>
        <source>Unknown pooler profile: %1</source>
        <translation>Unbekanntes Pooler-Profil: %1</translation>
    </message>
    <message>
        <source>With --screenshot: select the Nth finding or environment setting (0: none).</source>
        <translation>Mit --screenshot: den N-ten Befund oder die N-te Umgebungseinstellung auswählen (0: keine Auswahl).</translation>
    </message>
    <message>
        <source>With --screenshot: show page NAME (%1).</source>
        <translation>Mit --screenshot: die Seite NAME anzeigen (%1).</translation>
    </message>
    <message>
        <source>Unknown page: %1 (known: %2)</source>
        <translation>Unbekannte Seite: %1 (bekannt: %2)</translation>
    </message>
</context>
<context>
    <name>poolproof::Audit</name>
    <message>
        <source>chosen for this audit</source>
        <translation>für dieses Audit gewählt</translation>
    </message>
    <message>
        <source>set in %1</source>
        <translation>gesetzt in %1</translation>
    </message>
    <message>
        <source>the default</source>
        <translation>die Voreinstellung</translation>
    </message>
</context>
<context>
    <name>poolproof::AuditHistory</name>
    <message>
        <source>the history %1 is in use by another program; try again when it is done (%2)</source>
        <translation>der Verlauf %1 wird von einem anderen Programm verwendet; erneut versuchen, wenn es fertig ist (%2)</translation>
    </message>
    <message>
        <source>the history %1 is damaged or not a database (%2); it was left as it is: move it elsewhere to start a new one</source>
        <translation>der Verlauf %1 ist beschädigt oder keine Datenbank (%2); er wurde unverändert gelassen: ihn woandershin verschieben, um einen neuen zu beginnen</translation>
    </message>
    <message>
        <source>the history %1 cannot be used: %2</source>
        <translation>der Verlauf %1 kann nicht verwendet werden: %2</translation>
    </message>
    <message>
        <source>there is no data folder to keep the history in</source>
        <translation>es gibt keinen Datenordner, in dem der Verlauf abgelegt werden kann</translation>
    </message>
    <message>
        <source>the history %1 is a folder, not a file</source>
        <translation>der Verlauf %1 ist ein Ordner, keine Datei</translation>
    </message>
    <message>
        <source>cannot create the folder %1 for the history</source>
        <translation>der Ordner %1 für den Verlauf kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>cannot create the history %1: %2</source>
        <translation>der Verlauf %1 kann nicht angelegt werden: %2</translation>
    </message>
    <message>
        <source>the history needs Qt&apos;s SQLite driver (QSQLITE), which is not installed</source>
        <translation>der Verlauf braucht den SQLite-Treiber von Qt (QSQLITE), der nicht installiert ist</translation>
    </message>
    <message>
        <source>the history %1 cannot be used: %2; it was left as it is</source>
        <translation>der Verlauf %1 kann nicht verwendet werden: %2; er wurde unverändert gelassen</translation>
    </message>
    <message>
        <source>an incomplete scan is not recorded in the history</source>
        <translation>ein unvollständiger Scan wird nicht im Verlauf gespeichert</translation>
    </message>
    <message>
        <source>the history %1 is not open</source>
        <translation>der Verlauf %1 ist nicht geöffnet</translation>
    </message>
    <message>
        <source>the database holds other tables and is not a PoolProof history</source>
        <translation>die Datenbank enthält andere Tabellen und ist kein PoolProof-Verlauf</translation>
    </message>
    <message>
        <source>the history was written by a newer PoolProof (schema version %1, this one knows %2)</source>
        <translation>der Verlauf wurde von einem neueren PoolProof geschrieben (Schemaversion %1, dieses kennt %2)</translation>
    </message>
</context>
<context>
    <name>poolproof::BaselineFile</name>
    <message>
        <source>baseline %1: %2</source>
        <translation>Baseline %1: %2</translation>
    </message>
    <message>
        <source>the file does not exist</source>
        <translation>die Datei existiert nicht</translation>
    </message>
    <message>
        <source>the file is too large for a report</source>
        <translation>die Datei ist zu groß für einen Bericht</translation>
    </message>
    <message>
        <source>not valid JSON: %1 at byte %2</source>
        <translation>kein gültiges JSON: %1 bei Byte %2</translation>
    </message>
    <message>
        <source>not a PoolProof report: the document is not a JSON object</source>
        <translation>kein PoolProof-Bericht: das Dokument ist kein JSON-Objekt</translation>
    </message>
    <message>
        <source>not a PoolProof report: no PoolProof tool entry or no &quot;findings&quot; list</source>
        <translation>kein PoolProof-Bericht: kein PoolProof-Werkzeugeintrag oder keine „findings“-Liste</translation>
    </message>
    <message>
        <source>written by a newer PoolProof (schema version %1)</source>
        <translation>von einem neueren PoolProof geschrieben (Schemaversion %1)</translation>
    </message>
    <message>
        <source>finding %1 has no fingerprint</source>
        <translation>Befund %1 hat keinen Fingerabdruck</translation>
    </message>
    <message>
        <source>result %1 has no poolproof/v1 fingerprint</source>
        <translation>Ergebnis %1 hat keinen poolproof/v1-Fingerabdruck</translation>
    </message>
    <message>
        <source>not a PoolProof report: the SARIF file has no PoolProof run</source>
        <translation>kein PoolProof-Bericht: die SARIF-Datei hat keinen PoolProof-Lauf</translation>
    </message>
</context>
<context>
    <name>poolproof::ConnectionString</name>
    <message>
        <source>the string contains a NUL character; libpq stops reading there</source>
        <translation>die Zeichenfolge enthält ein NUL-Zeichen; libpq hört dort auf zu lesen</translation>
    </message>
</context>
<context>
    <name>poolproof::DangerousParse</name>
    <message>
        <source>The password contains an unencoded &quot;@&quot;: libpq ends the password at the first &quot;@&quot; and reads the rest of it as the host name, so the connection goes to a host that does not exist (node-postgres splits at the last &quot;@&quot; instead).</source>
        <translation>Das Passwort enthält ein nicht kodiertes „@“: libpq beendet das Passwort beim ersten „@“ und liest den Rest als Hostnamen, sodass die Verbindung zu einem Host geht, den es nicht gibt (node-postgres trennt stattdessen am letzten „@“).</translation>
    </message>
    <message>
        <source>The user name contains an unencoded &quot;@&quot;: libpq ends the user part at the first &quot;@&quot;, so the rest of the user name and the password become the host and port.</source>
        <translation>Der Benutzername enthält ein nicht kodiertes „@“: libpq beendet den Benutzerteil beim ersten „@“, sodass der Rest des Benutzernamens und das Passwort zu Host und Port werden.</translation>
    </message>
    <message>
        <source>Percent-encode &quot;@&quot; in the user name and password as %40.</source>
        <translation>„@“ in Benutzername und Passwort als %40 prozentkodieren.</translation>
    </message>
    <message>
        <source>An unencoded &quot;/&quot; ends the host part before the &quot;@&quot;: libpq finds no user name or password, takes the user name as the host and the start of the password as the port, and the rest becomes the database name.</source>
        <translation>Ein nicht kodiertes „/“ beendet den Hostteil vor dem „@“: libpq findet keinen Benutzernamen und kein Passwort, nimmt den Benutzernamen als Host und den Anfang des Passworts als Port, und der Rest wird zum Datenbanknamen.</translation>
    </message>
    <message>
        <source>Percent-encode &quot;/&quot; in the password as %2F.</source>
        <translation>„/“ im Passwort als %2F prozentkodieren.</translation>
    </message>
    <message>
        <source>The &quot;?&quot; that should start the parameters comes before an &quot;@&quot;, so libpq reads everything up to the &quot;@&quot; as the user name: the parameters are lost and the host is what follows the &quot;@&quot;.</source>
        <translation>Das „?“, das die Parameter einleiten soll, steht vor einem „@“, daher liest libpq alles bis zum „@“ als Benutzernamen: Die Parameter gehen verloren, und der Host ist das, was auf das „@“ folgt.</translation>
    </message>
    <message>
        <source>Percent-encode &quot;@&quot; in parameter values as %40 (and &quot;?&quot; in a user name as %3F).</source>
        <translation>„@“ in Parameterwerten als %40 prozentkodieren (und „?“ in einem Benutzernamen als %3F).</translation>
    </message>
    <message>
        <source>The password contains an unencoded &quot;?&quot;: libpq keeps it, but node-postgres, Go&apos;s net/url and Python&apos;s urlsplit start the parameters there and cut the password short.</source>
        <translation>Das Passwort enthält ein nicht kodiertes „?“: libpq behält es, aber node-postgres, net/url von Go und urlsplit von Python beginnen dort die Parameter und schneiden das Passwort ab.</translation>
    </message>
    <message>
        <source>Percent-encode &quot;?&quot; in the password as %3F.</source>
        <translation>„?“ im Passwort als %3F prozentkodieren.</translation>
    </message>
    <message>
        <source>The password contains an unencoded &quot;#&quot;: libpq keeps it as part of the password, but node-postgres, Go&apos;s net/url and Python&apos;s urlsplit cut the URL there as a fragment.</source>
        <translation>Das Passwort enthält ein nicht kodiertes „#“: libpq behält es als Teil des Passworts, aber node-postgres, net/url von Go und urlsplit von Python schneiden die URL dort als Fragment ab.</translation>
    </message>
    <message>
        <source>The string contains an unencoded &quot;#&quot;: libpq keeps it, but node-postgres, Go&apos;s net/url and Python&apos;s urlsplit drop everything from it on as a fragment.</source>
        <translation>Die Zeichenfolge enthält ein nicht kodiertes „#“: libpq behält es, aber node-postgres, net/url von Go und urlsplit von Python verwerfen alles ab dort als Fragment.</translation>
    </message>
    <message>
        <source>Percent-encode &quot;#&quot; as %23.</source>
        <translation>„#“ als %23 prozentkodieren.</translation>
    </message>
    <message>
        <source>The string contains a raw blank at position %1: libpq 17 keeps it as part of the value, newer libpq rejects blanks in parameters (&quot;unexpected spaces found ..., use percent-encoded spaces (%20) instead&quot;) and pgx rejects them everywhere.</source>
        <translation>Die Zeichenfolge enthält ein rohes Leerzeichen an Position %1: libpq 17 behält es als Teil des Werts, neuere libpq-Versionen lehnen Leerzeichen in Parametern ab („unexpected spaces found ..., use percent-encoded spaces (%20) instead“), und pgx lehnt sie überall ab.</translation>
    </message>
    <message>
        <source>Remove the blank, or percent-encode it as %20 if it belongs to the value.</source>
        <translation>Das Leerzeichen entfernen oder es als %20 prozentkodieren, wenn es zum Wert gehört.</translation>
    </message>
    <message>
        <source>The parameter &quot;%1&quot; is given more than once: libpq uses the last one, pgx and Go&apos;s net/url the first, so drivers disagree about its value.</source>
        <translation>Der Parameter „%1“ wird mehrfach angegeben: libpq verwendet den letzten, pgx und net/url von Go den ersten, sodass sich die Treiber über seinen Wert uneinig sind.</translation>
    </message>
    <message>
        <source>Keep a single occurrence of the parameter.</source>
        <translation>Den Parameter nur einmal angeben.</translation>
    </message>
</context>
<context>
    <name>poolproof::DatabaseReport</name>
    <message>
        <source>No environment with a connection string was found.</source>
        <translation>Es wurde keine Umgebung mit einer Verbindungszeichenfolge gefunden.</translation>
    </message>
    <message>
        <source>pool_mode %1</source>
        <translation>pool_mode %1</translation>
    </message>
    <message>
        <source>application</source>
        <translation>Anwendung</translation>
    </message>
    <message>
        <source>pooler</source>
        <translation>Pooler</translation>
    </message>
    <message>
        <source>(not found)</source>
        <translation>(nicht gefunden)</translation>
    </message>
    <message>
        <source>direct, no pooler</source>
        <translation>direkt, kein Pooler</translation>
    </message>
    <message>
        <source>migrations</source>
        <translation>Migrationen</translation>
    </message>
    <message>
        <source>through the pooler</source>
        <translation>über den Pooler</translation>
    </message>
    <message>
        <source>direct</source>
        <translation>direkt</translation>
    </message>
    <message>
        <source>The environments could not be read: %1</source>
        <translation>Die Umgebungen konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Verdict: %1.</source>
        <translation>Bewertung: %1.</translation>
    </message>
    <message>
        <source>A pooler is expected here (%1).</source>
        <translation>Hier wird ein Pooler erwartet (%1).</translation>
    </message>
    <message>
        <source>Application instances: %1.</source>
        <translation>Anwendungsinstanzen: %1.</translation>
    </message>
    <message>
        <source>defined elsewhere: %1</source>
        <translation>anderswo definiert: %1</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(leer)</translation>
    </message>
    <message>
        <source>not checked</source>
        <translation>nicht geprüft</translation>
    </message>
    <message>
        <source>Setting</source>
        <translation>Einstellung</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>Connection string (masked)</source>
        <translation>Verbindungszeichenfolge (maskiert)</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>Bewertung</translation>
    </message>
    <message>
        <source>In transaction mode the pooler lends a server connection to a client for one transaction only. When the transaction ends, the connection goes back to the pool and the next transaction of the same client may run on another one. Whatever a session keeps — settings made with SET, LISTEN subscriptions, session advisory locks, SQL prepared statements, WITH HOLD cursors, temporary tables, loaded libraries — is not kept for the client: it stays behind on a connection that other clients now use.</source>
        <translation>Im Transaktionsmodus leiht der Pooler einem Client eine Serververbindung nur für eine Transaktion. Wenn die Transaktion endet, geht die Verbindung zurück in den Pool, und die nächste Transaktion desselben Clients kann auf einer anderen laufen. Was eine Sitzung sich merkt – mit SET vorgenommene Einstellungen, LISTEN-Abonnements, Advisory Locks auf Sitzungsebene, vorbereitete SQL-Anweisungen, WITH-HOLD-Cursor, temporäre Tabellen, geladene Bibliotheken –, bleibt nicht für den Client erhalten: Es bleibt auf einer Verbindung zurück, die jetzt andere Clients nutzen.</translation>
    </message>
    <message>
        <source>Pooler profile: </source>
        <translation>Pooler-Profil: </translation>
    </message>
    <message numerus="yes">
        <source>%n place(s). </source>
        <translation>
            <numerusform>%n Stelle. </numerusform>
            <numerusform>%n Stellen. </numerusform>
        </translation>
    </message>
    <message>
        <source>The code relies on no session state that this pooler loses.</source>
        <translation>Der Code verlässt sich auf keinen Sitzungszustand, den dieser Pooler verliert.</translation>
    </message>
    <message>
        <source>For this code that means:</source>
        <translation>Für diesen Code bedeutet das:</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>PoolProof version</source>
        <translation>PoolProof-Version</translation>
    </message>
    <message>
        <source>Pooler profile</source>
        <translation>Pooler-Profil</translation>
    </message>
    <message>
        <source>Overall status</source>
        <translation>Gesamtstatus</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>Befunde</translation>
    </message>
    <message>
        <source>%1 errors, %2 warnings, %3 for information, %4 suppressed</source>
        <translation>%1 Fehler, %2 Warnungen, %3 zur Information, %4 unterdrückt</translation>
    </message>
    <message>
        <source>Files scanned</source>
        <translation>Gescannte Dateien</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Punkt</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message numerus="yes">
        <source>%n finding(s), worst: %1</source>
        <translation>
            <numerusform>%n Befund, schwerster: %1</numerusform>
            <numerusform>%n Befunde, schwerster: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>fine on this pooler</source>
        <translation>unproblematisch auf diesem Pooler</translation>
    </message>
    <message>
        <source>passed</source>
        <translation>bestanden</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Regel</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Prüfung</translation>
    </message>
    <message>
        <source>Severity here</source>
        <translation>Schweregrad hier</translation>
    </message>
    <message>
        <source>None.</source>
        <translation>Keine.</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Fundstelle</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Schweregrad</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>Befund</translation>
    </message>
    <message>
        <source>Fix</source>
        <translation>Behebung</translation>
    </message>
    <message>
        <source>(no reason given)</source>
        <translation>(keine Begründung angegeben)</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Begründung</translation>
    </message>
    <message>
        <source>No PostgreSQL client library was found in the manifests.</source>
        <translation>In den Manifesten wurde keine PostgreSQL-Clientbibliothek gefunden.</translation>
    </message>
    <message>
        <source>Package</source>
        <translation>Paket</translation>
    </message>
    <message>
        <source>Pooler configuration in </source>
        <translation>Pooler-Konfiguration in </translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>Umgebung</translation>
    </message>
    <message>
        <source>Database access: %1</source>
        <translation>Datenbankzugriff: %1</translation>
    </message>
    <message>
        <source>Overall status: %1</source>
        <translation>Gesamtstatus: %1</translation>
    </message>
    <message>
        <source>Pooling architecture</source>
        <translation>Pooling-Architektur</translation>
    </message>
    <message>
        <source>Environments</source>
        <translation>Umgebungen</translation>
    </message>
    <message>
        <source>What transaction mode means for this code</source>
        <translation>Was der Transaktionsmodus für diesen Code bedeutet</translation>
    </message>
    <message>
        <source>Compatibility audit</source>
        <translation>Kompatibilitätsaudit</translation>
    </message>
    <message>
        <source>Checks performed</source>
        <translation>Durchgeführte Prüfungen</translation>
    </message>
    <message>
        <source>Suppressed findings</source>
        <translation>Unterdrückte Befunde</translation>
    </message>
    <message>
        <source>Drivers and ORMs</source>
        <translation>Treiber und ORMs</translation>
    </message>
    <message>
        <source>Pool settings and capacity</source>
        <translation>Pool-Einstellungen und Kapazität</translation>
    </message>
    <message>
        <source>Written by PoolProof %1 on %2.</source>
        <translation>Erstellt von PoolProof %1 am %2.</translation>
    </message>
    <message>
        <source>driver</source>
        <translation>Treiber</translation>
    </message>
    <message>
        <source>ORM</source>
        <translation>ORM</translation>
    </message>
    <message>
        <source>migration tool</source>
        <translation>Migrationswerkzeug</translation>
    </message>
    <message>
        <source>pool</source>
        <translation>Pool</translation>
    </message>
    <message>
        <source>needs a live check</source>
        <translation>braucht eine Live-Prüfung</translation>
    </message>
    <message>
        <source>not given</source>
        <translation>nicht angegeben</translation>
    </message>
    <message>
        <source>%1 (locked)</source>
        <translation>%1 (in Lock-Datei fixiert)</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Declared in</source>
        <translation>Deklariert in</translation>
    </message>
    <message>
        <source>No pool size is set in the code or its configuration, so each driver&apos;s default applies; set it explicitly to make the arithmetic below possible.</source>
        <translation>Im Code und seiner Konfiguration ist keine Poolgröße gesetzt, daher gilt der Standard jedes Treibers; setzen Sie sie ausdrücklich, damit die folgende Rechnung möglich wird.</translation>
    </message>
    <message>
        <source>Connections</source>
        <translation>Verbindungen</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Ort</translation>
    </message>
    <message>
        <source>The arithmetic assumes that one instance opens all of these pools: %1 connections.</source>
        <translation>Die Rechnung nimmt an, dass eine Instanz alle diese Pools öffnet: %1 Verbindungen.</translation>
    </message>
    <message>
        <source>cannot tell: needs the instances and a pool size</source>
        <translation>nicht bestimmbar: braucht die Instanzen und eine Poolgröße</translation>
    </message>
    <message>
        <source>%1 client connections; no pooler limit is known here</source>
        <translation>%1 Clientverbindungen; hier ist kein Pooler-Limit bekannt</translation>
    </message>
    <message>
        <source>too many: %1 client connections, the pooler refuses those above %2</source>
        <translation>zu viele: %1 Clientverbindungen, der Pooler weist die über %2 hinaus ab</translation>
    </message>
    <message>
        <source>fits: %1 of %2 client connections</source>
        <translation>passt: %1 von %2 Clientverbindungen</translation>
    </message>
    <message>
        <source>Instances</source>
        <translation>Instanzen</translation>
    </message>
    <message>
        <source>Client connections</source>
        <translation>Clientverbindungen</translation>
    </message>
    <message>
        <source>max_client_conn</source>
        <translation>max_client_conn</translation>
    </message>
    <message>
        <source>No instance counts were found. Add &quot;instances&quot; to the environments in %1 to get the capacity arithmetic.</source>
        <translation>Es wurden keine Instanzanzahlen gefunden. Fügen Sie den Umgebungen in %1 „instances“ hinzu, um die Kapazitätsrechnung zu erhalten.</translation>
    </message>
    <message>
        <source>On the server side, the pooler in %1 opens at most %2 connections per database and user (default_pool_size)</source>
        <translation>Auf der Serverseite öffnet der Pooler in %1 höchstens %2 Verbindungen pro Datenbank und Benutzer (default_pool_size)</translation>
    </message>
    <message>
        <source>, plus %1 in reserve (reserve_pool_size)</source>
        <translation>, zuzüglich %1 in Reserve (reserve_pool_size)</translation>
    </message>
    <message>
        <source>, and at most %1 per database in all (max_db_connections)</source>
        <translation>, und insgesamt höchstens %1 pro Datenbank (max_db_connections)</translation>
    </message>
    <message>
        <source>. PostgreSQL&apos;s max_connections must leave room for these and for direct connections such as migrations.</source>
        <translation>. max_connections von PostgreSQL muss Platz für diese und für direkte Verbindungen wie Migrationen lassen.</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>Backups</translation>
    </message>
    <message>
        <source>Monitoring</source>
        <translation>Monitoring</translation>
    </message>
</context>
<context>
    <name>poolproof::Dialect</name>
    <message>
        <source>the string starts with &quot;%1&quot;</source>
        <translation>die Zeichenfolge beginnt mit „%1“</translation>
    </message>
    <message>
        <source>the string is a list of Key=Value pairs separated by &quot;;&quot;</source>
        <translation>die Zeichenfolge ist eine Liste von Schlüssel=Wert-Paaren, getrennt durch „;“</translation>
    </message>
    <message>
        <source>the parameter &quot;%1&quot; exists only in %2</source>
        <translation>den Parameter „%1“ gibt es nur in %2</translation>
    </message>
    <message>
        <source>nothing points at another driver</source>
        <translation>nichts deutet auf einen anderen Treiber hin</translation>
    </message>
</context>
<context>
    <name>poolproof::Discovery</name>
    <message>
        <source>%1: cannot read: %2</source>
        <translation>%1: kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1: larger than 2 MB, skipped</source>
        <translation>%1: größer als 2 MB, übersprungen</translation>
    </message>
</context>
<context>
    <name>poolproof::DriverAnalysis</name>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>poolproof::DriverFacts</name>
    <message>
        <source>pgjdbc only takes URLs that start with &quot;jdbc:postgresql:&quot; (DriverManager answers &quot;No suitable driver&quot;)</source>
        <translation>pgjdbc nimmt nur URLs an, die mit „jdbc:postgresql:“ beginnen (DriverManager antwortet „No suitable driver“)</translation>
    </message>
    <message>
        <source>pgjdbc needs a &quot;/&quot; after the host and port (jdbc:postgresql://host:5432/database); without it the URL is not recognised (&quot;No suitable driver&quot;)</source>
        <translation>pgjdbc braucht ein „/“ nach Host und Port (jdbc:postgresql://host:5432/database); ohne es wird die URL nicht erkannt („No suitable driver“)</translation>
    </message>
    <message>
        <source>pgjdbc does not accept more than one &quot;/&quot; after the host and port</source>
        <translation>pgjdbc akzeptiert nicht mehr als ein „/“ nach Host und Port</translation>
    </message>
    <message>
        <source>pgjdbc URLs have no user:password@ part: pgjdbc takes it as part of the host name. Pass user and password as parameters (?user=...&amp;password=...) or as connection properties</source>
        <translation>pgjdbc-URLs haben keinen Teil user:password@: pgjdbc hält ihn für einen Teil des Hostnamens. Benutzer und Passwort als Parameter (?user=...&amp;password=...) oder als Verbindungseigenschaften übergeben</translation>
    </message>
    <message>
        <source>Move the user name and password into the user and password parameters.</source>
        <translation>Benutzername und Passwort in die Parameter user und password verschieben.</translation>
    </message>
    <message>
        <source>Npgsql does not know the keyword &quot;%1&quot; and refuses the connection string (Keyword not supported)</source>
        <translation>Npgsql kennt das Schlüsselwort „%1“ nicht und weist die Verbindungszeichenfolge zurück (Keyword not supported)</translation>
    </message>
    <message>
        <source>Remove the keyword or correct its spelling.</source>
        <translation>Das Schlüsselwort entfernen oder seine Schreibweise korrigieren.</translation>
    </message>
</context>
<context>
    <name>poolproof::DriverRules</name>
    <message>
        <source>%1 cannot use the port &quot;%2&quot;: a port is a whole number from 1 to 65535</source>
        <translation>%1 kann den Port „%2“ nicht verwenden: Ein Port ist eine ganze Zahl von 1 bis 65535</translation>
    </message>
    <message>
        <source>node-postgres ignores the parameter &quot;%1&quot; without a word: it has no such setting</source>
        <translation>node-postgres ignoriert den Parameter „%1“ stillschweigend: Es hat keine solche Einstellung</translation>
    </message>
    <message>
        <source>Remove the parameter, or set it where node-postgres reads it (the Pool options).</source>
        <translation>Den Parameter entfernen oder ihn dort setzen, wo node-postgres ihn liest (in den Pool-Optionen).</translation>
    </message>
    <message>
        <source>node-postgres reads the URL with the WHATWG URL parser, which throws &quot;Invalid URL&quot; on a host list with ports (h1:5432,h2); node-postgres connects to one host only</source>
        <translation>node-postgres liest die URL mit dem WHATWG-URL-Parser, der bei einer Hostliste mit Ports (h1:5432,h2) „Invalid URL“ wirft; node-postgres verbindet sich nur mit einem Host</translation>
    </message>
    <message>
        <source>Give node-postgres a single host, or put a load balancer or pooler in front.</source>
        <translation>node-postgres einen einzelnen Host geben oder einen Load Balancer oder Pooler davorschalten.</translation>
    </message>
    <message>
        <source>node-postgres throws &quot;Invalid URL&quot; on an unencoded &quot;%1&quot; in the password</source>
        <translation>node-postgres wirft „Invalid URL“ bei einem nicht kodierten „%1“ im Passwort</translation>
    </message>
    <message>
        <source>Percent-encode the character (# as %23, / as %2F, ` as %60).</source>
        <translation>Das Zeichen prozentkodieren (# als %23, / als %2F, ` als %60).</translation>
    </message>
    <message>
        <source>SQLAlchemy hands the parameters of a postgresql+asyncpg URL to asyncpg.connect() as keyword arguments, and asyncpg.connect() has no sslmode argument: the engine fails with &quot;connect() got an unexpected keyword argument &apos;sslmode&apos;&quot;</source>
        <translation>SQLAlchemy übergibt die Parameter einer postgresql+asyncpg-URL als Schlüsselwortargumente an asyncpg.connect(), und asyncpg.connect() hat kein Argument sslmode: Die Engine scheitert mit „connect() got an unexpected keyword argument &apos;sslmode&apos;“</translation>
    </message>
    <message>
        <source>Use ssl=verify-full (or ssl=require) instead of sslmode.</source>
        <translation>ssl=verify-full (oder ssl=require) statt sslmode verwenden.</translation>
    </message>
    <message>
        <source>SQLAlchemy hands &quot;%1&quot; to asyncpg.connect() as a keyword argument, which asyncpg does not have (&quot;connect() got an unexpected keyword argument&quot;)</source>
        <translation>SQLAlchemy übergibt „%1“ als Schlüsselwortargument an asyncpg.connect(), das asyncpg nicht kennt („connect() got an unexpected keyword argument“)</translation>
    </message>
    <message>
        <source>Remove the parameter, or pass it to create_async_engine() in connect_args (server settings go in connect_args={&quot;server_settings&quot;: {...}}).</source>
        <translation>Den Parameter entfernen oder ihn create_async_engine() in connect_args übergeben (Servereinstellungen gehören in connect_args={&quot;server_settings&quot;: {...}}).</translation>
    </message>
    <message>
        <source>asyncpg rejects sslmode &quot;%1&quot;: it must be one of disable, allow, prefer, require, verify-ca, verify-full</source>
        <translation>asyncpg lehnt sslmode „%1“ ab: Es muss einer der Werte disable, allow, prefer, require, verify-ca, verify-full sein</translation>
    </message>
    <message>
        <source>Prisma knows only sslmode prefer, disable and require, not &quot;%1&quot;; it checks the server certificate with sslaccept=strict and the CA file in sslcert</source>
        <translation>Prisma kennt nur sslmode prefer, disable und require, nicht „%1“; das Serverzertifikat prüft es mit sslaccept=strict und der CA-Datei in sslcert</translation>
    </message>
    <message>
        <source>Write sslmode=require&amp;sslaccept=strict (and sslcert=&lt;CA file&gt; for a private CA).</source>
        <translation>sslmode=require&amp;sslaccept=strict schreiben (und sslcert=&lt;CA-Datei&gt; für eine private CA).</translation>
    </message>
    <message>
        <source>pgx does not know default_query_exec_mode &quot;%1&quot; (cache_statement, cache_describe, describe_exec, exec, simple_protocol)</source>
        <translation>pgx kennt default_query_exec_mode „%1“ nicht (cache_statement, cache_describe, describe_exec, exec, simple_protocol)</translation>
    </message>
</context>
<context>
    <name>poolproof::EnvironmentAudit</name>
    <message>
        <source>given on the command line</source>
        <translation>auf der Kommandozeile angegeben</translation>
    </message>
    <message>
        <source>set in %1</source>
        <translation>gesetzt in %1</translation>
    </message>
    <message>
        <source>%1 sets max_prepared_statements = %2</source>
        <translation>%1 setzt max_prepared_statements = %2</translation>
    </message>
    <message>
        <source>a URL points at %1</source>
        <translation>eine URL zeigt auf %1</translation>
    </message>
    <message>
        <source>the default profile</source>
        <translation>das Standardprofil</translation>
    </message>
    <message>
        <source>%1 says so (expectPooler)</source>
        <translation>%1 gibt es so an (expectPooler)</translation>
    </message>
    <message>
        <source>the project configures a pooler in %1</source>
        <translation>das Projekt konfiguriert einen Pooler in %1</translation>
    </message>
    <message>
        <source>%1 reads %2</source>
        <translation>%1 liest %2</translation>
    </message>
    <message>
        <source>the datasource in %1 has no directUrl, so Prisma Migrate uses this URL</source>
        <translation>die Datenquelle in %1 hat keine directUrl, daher verwendet Prisma Migrate diese URL</translation>
    </message>
    <message>
        <source>the environment&apos;s driver in %1</source>
        <translation>der Treiber der Umgebung in %1</translation>
    </message>
    <message>
        <source>The %1 connection string takes its password from %2, which this file sets to a literal value.</source>
        <translation>Die Verbindungszeichenfolge %1 bezieht ihr Passwort aus %2, das diese Datei auf einen literalen Wert setzt.</translation>
    </message>
    <message>
        <source>This %1 setting points at &quot;%2&quot;, the host of a production URL.</source>
        <translation>Diese Einstellung %1 zeigt auf „%2“, den Host einer Produktions-URL.</translation>
    </message>
    <message>
        <source>This %1 setting points at &quot;%2&quot;, whose name says production.</source>
        <translation>Diese Einstellung %1 zeigt auf „%2“, dessen Name auf Produktion hindeutet.</translation>
    </message>
    <message>
        <source>The %2 URL goes through the pooler (%3), the %1 URL connects straight to the database: pooler problems show up only in %2.</source>
        <translation>Die URL von %2 geht über den Pooler (%3), die URL von %1 verbindet sich direkt mit der Datenbank: Pooler-Probleme zeigen sich nur in %2.</translation>
    </message>
    <message>
        <source>The %1 URL uses TLS level %3, the %2 URL %4: TLS problems show up only in one of them.</source>
        <translation>Die URL von %1 verwendet die TLS-Stufe %3, die URL von %2 %4: TLS-Probleme zeigen sich nur in einer von beiden.</translation>
    </message>
    <message>
        <source>The %1 URL uses the database &quot;%3&quot;, the %2 URL &quot;%4&quot;: the names follow different patterns.</source>
        <translation>Die URL von %1 verwendet die Datenbank „%3“, die URL von %2 „%4“: Die Namen folgen unterschiedlichen Mustern.</translation>
    </message>
    <message>
        <source>The %1 URL logs in as &quot;%3&quot;, the %2 URL as &quot;%4&quot;: the user names follow different patterns, so permission problems show up only in one of them.</source>
        <translation>Die URL von %1 meldet sich als „%3“ an, die URL von %2 als „%4“: Die Benutzernamen folgen unterschiedlichen Mustern, sodass sich Berechtigungsprobleme nur in einer von beiden zeigen.</translation>
    </message>
    <message>
        <source>cannot read the environment file %1: %2</source>
        <translation>die Umgebungsdatei %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>the environment file %1 is larger than 2 MB; it is not a dotenv file</source>
        <translation>die Umgebungsdatei %1 ist größer als 2 MB; sie ist keine dotenv-Datei</translation>
    </message>
    <message>
        <source>the environment file %1 is not UTF-8 text</source>
        <translation>die Umgebungsdatei %1 ist kein UTF-8-Text</translation>
    </message>
</context>
<context>
    <name>poolproof::FileAnalyzer</name>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>skipped: %1 MB is over the %2 MB limit</source>
        <translation>übersprungen: %1 MB liegt über der Grenze von %2 MB</translation>
    </message>
    <message>
        <source>cannot be read: %1</source>
        <translation>kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>skipped: it grew over the size limit while being read</source>
        <translation>übersprungen: die Datei ist beim Lesen über die Größengrenze gewachsen</translation>
    </message>
    <message>
        <source>skipped: binary content (NUL bytes)</source>
        <translation>übersprungen: binärer Inhalt (NUL-Bytes)</translation>
    </message>
    <message>
        <source>not valid UTF-8: scanned as bytes, columns may be off</source>
        <translation>kein gültiges UTF-8: als Bytes gescannt, Spalten können abweichen</translation>
    </message>
    <message>
        <source>a statement did not parse (%1); it was checked with scanner tokens only</source>
        <translation>eine Anweisung ließ sich nicht parsen (%1); sie wurde nur anhand der Scanner-Token geprüft</translation>
    </message>
    <message>
        <source>pg_dump output: a setting for the session that restores the dump, which should use a direct connection</source>
        <translation>pg_dump-Ausgabe: eine Einstellung für die Sitzung, die den Dump wiederherstellt und dafür eine direkte Verbindung nutzen sollte</translation>
    </message>
</context>
<context>
    <name>poolproof::LibpqExplain</name>
    <message>
        <source>libpq rejects this string: %1</source>
        <translation>libpq lehnt diese Zeichenfolge ab: %1</translation>
    </message>
    <message>
        <source>libpq rejects this string: %1 (libpq: %2)</source>
        <translation>libpq lehnt diese Zeichenfolge ab: %1 (libpq: %2)</translation>
    </message>
    <message>
        <source>the IPv6 address opened with &quot;[&quot; has no closing &quot;]&quot;</source>
        <translation>die mit „[“ geöffnete IPv6-Adresse hat kein schließendes „]“</translation>
    </message>
    <message>
        <source>the brackets &quot;[]&quot; hold no IPv6 address</source>
        <translation>die Klammern „[]“ enthalten keine IPv6-Adresse</translation>
    </message>
    <message>
        <source>&quot;%1&quot; follows the IPv6 address; only &quot;:port&quot;, &quot;/&quot;, &quot;?&quot; or &quot;,&quot; may follow &quot;]&quot;</source>
        <translation>auf die IPv6-Adresse folgt „%1“; nach „]“ dürfen nur „:port“, „/“, „?“ oder „,“ folgen</translation>
    </message>
    <message>
        <source>the parameter list has an empty entry (&quot;&amp;&amp;&quot;, or &quot;&amp;&quot; right after &quot;?&quot;)</source>
        <translation>die Parameterliste hat einen leeren Eintrag („&amp;&amp;“ oder „&amp;“ direkt nach „?“)</translation>
    </message>
    <message>
        <source>the parameter &quot;%1&quot; has no &quot;=&quot; and no value</source>
        <translation>der Parameter „%1“ hat kein „=“ und keinen Wert</translation>
    </message>
    <message>
        <source>the value of &quot;%1&quot; contains a raw &quot;=&quot;; write it as %3D</source>
        <translation>der Wert von „%1“ enthält ein rohes „=“; es als %3D schreiben</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid percent-escape: &quot;%&quot; must be followed by two hex digits; write a literal &quot;%&quot; as %25</source>
        <translation>„%1“ ist kein gültiges Prozent-Escape: Auf „%“ müssen zwei Hexziffern folgen; ein literales „%“ als %25 schreiben</translation>
    </message>
    <message>
        <source>%00 (a NUL byte) is not allowed anywhere in the string</source>
        <translation>%00 (ein NUL-Byte) ist nirgends in der Zeichenfolge erlaubt</translation>
    </message>
    <message>
        <source>libpq has no parameter &quot;%1&quot;</source>
        <translation>libpq hat keinen Parameter „%1“</translation>
    </message>
    <message>
        <source>libpq has no keyword &quot;%1&quot;</source>
        <translation>libpq hat kein Schlüsselwort „%1“</translation>
    </message>
    <message>
        <source>it is a %1 parameter</source>
        <translation>es ist ein Parameter von %1</translation>
    </message>
    <message>
        <source>libpq has it from version %1 on; PoolProof is linked with libpq %2</source>
        <translation>libpq kennt ihn ab Version %1; PoolProof ist mit libpq %2 gelinkt</translation>
    </message>
    <message>
        <source>libpq only understands ssl=true (as sslmode=require); use sslmode=disable instead</source>
        <translation>libpq versteht nur ssl=true (als sslmode=require); stattdessen sslmode=disable verwenden</translation>
    </message>
    <message>
        <source>the word &quot;%1&quot; is not followed by &quot;=&quot;</source>
        <translation>auf das Wort „%1“ folgt kein „=“</translation>
    </message>
    <message>
        <source>a value opened with &quot;&apos;&quot; is never closed</source>
        <translation>ein mit „&apos;“ geöffneter Wert wird nie geschlossen</translation>
    </message>
    <message>
        <source>libpq reads a URI only when it starts with &quot;postgresql://&quot; or &quot;postgres://&quot; (lower case); this string starts with &quot;%1&quot;, so libpq reads it as keyword=value pairs</source>
        <translation>libpq liest eine URI nur, wenn sie mit „postgresql://“ oder „postgres://“ (kleingeschrieben) beginnt; diese Zeichenfolge beginnt mit „%1“, daher liest libpq sie als Schlüsselwort=Wert-Paare</translation>
    </message>
    <message>
        <source>the string does not follow libpq&apos;s connection string syntax</source>
        <translation>die Zeichenfolge folgt nicht der Syntax von libpq-Verbindungszeichenfolgen</translation>
    </message>
    <message>
        <source>host and hostaddr list different numbers of entries</source>
        <translation>host und hostaddr haben unterschiedlich viele Einträge</translation>
    </message>
    <message>
        <source>give one port for all hosts, or exactly one port per host</source>
        <translation>einen Port für alle Hosts oder genau einen Port pro Host angeben</translation>
    </message>
    <message>
        <source>the port &quot;%1&quot; is not a number</source>
        <translation>der Port „%1“ ist keine Zahl</translation>
    </message>
    <message>
        <source>the port %1 is outside 1-65535</source>
        <translation>der Port %1 liegt außerhalb von 1–65535</translation>
    </message>
    <message>
        <source>%1 must be a whole number</source>
        <translation>%1 muss eine ganze Zahl sein</translation>
    </message>
    <message>
        <source>%1 must be one of: %2</source>
        <translation>%1 muss einer der folgenden Werte sein: %2</translation>
    </message>
    <message>
        <source>sslnegotiation=direct needs sslmode require, verify-ca or verify-full</source>
        <translation>sslnegotiation=direct braucht sslmode require, verify-ca oder verify-full</translation>
    </message>
    <message>
        <source>sslrootcert=system needs sslmode=verify-full</source>
        <translation>sslrootcert=system braucht sslmode=verify-full</translation>
    </message>
    <message>
        <source>ssl_max_protocol_version is lower than ssl_min_protocol_version (default TLSv1.2)</source>
        <translation>ssl_max_protocol_version ist niedriger als ssl_min_protocol_version (Standard TLSv1.2)</translation>
    </message>
    <message>
        <source>require_auth takes a comma list of password, md5, gss, sspi, scram-sha-256 and none, either all negated with &quot;!&quot; or none negated, each method once</source>
        <translation>require_auth nimmt eine Komma-Liste aus password, md5, gss, sspi, scram-sha-256 und none, entweder alle mit „!“ negiert oder keine negiert, jede Methode einmal</translation>
    </message>
    <message>
        <source>replication must be true, on, yes, 1, database, false, off, no or 0</source>
        <translation>replication muss true, on, yes, 1, database, false, off, no oder 0 sein</translation>
    </message>
    <message>
        <source>libpq %1 does not know &quot;%2&quot; and rejects the whole string; the keyword needs libpq %3 or later</source>
        <translation>libpq %1 kennt „%2“ nicht und lehnt die ganze Zeichenfolge ab; das Schlüsselwort braucht libpq %3 oder neuer</translation>
    </message>
    <message>
        <source>libpq %1 does not accept %2=%3; that value needs libpq %4 or later</source>
        <translation>libpq %1 akzeptiert %2=%3 nicht; dieser Wert braucht libpq %4 oder neuer</translation>
    </message>
    <message>
        <source>libpq %1 reads sslrootcert=system as a file named &quot;system&quot;; the system certificate store needs libpq 16 or later</source>
        <translation>libpq %1 liest sslrootcert=system als Datei namens „system“; der Zertifikatsspeicher des Systems braucht libpq 16 oder neuer</translation>
    </message>
    <message>
        <source>Upgrade the client&apos;s libpq to %1 or later, or drop the setting.</source>
        <translation>Die libpq des Clients auf %1 oder neuer aktualisieren oder die Einstellung weglassen.</translation>
    </message>
</context>
<context>
    <name>poolproof::LibpqRules</name>
    <message>
        <source>invalid replication value: &quot;%1&quot; (the server accepts true, on, yes, 1, database, false, off, no, 0)</source>
        <translation>ungültiger replication-Wert: „%1“ (der Server akzeptiert true, on, yes, 1, database, false, off, no, 0)</translation>
    </message>
</context>
<context>
    <name>poolproof::LiveCheck</name>
    <message>
        <source>the pooler profile: the pooler&apos;s version and settings are not known, findings keep the profile %1</source>
        <translation>das Pooler-Profil: Version und Einstellungen des Poolers sind nicht bekannt, die Befunde behalten das Profil %1</translation>
    </message>
    <message>
        <source>given</source>
        <translation>angegeben</translation>
    </message>
    <message>
        <source>%1 %2 = %3 at %4:%5</source>
        <translation>%1 %2 = %3 in %4:%5</translation>
    </message>
    <message>
        <source>everything on the server: the connection failed</source>
        <translation>alles auf dem Server: die Verbindung ist gescheitert</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>PostgreSQL listens on port %1, the URL connects to %2: something sits in between that is not a PgBouncer this check can read</source>
        <translation>PostgreSQL lauscht auf Port %1, die URL verbindet sich mit %2: dazwischen sitzt etwas, das kein PgBouncer ist, den diese Prüfung lesen kann</translation>
    </message>
    <message>
        <source>the replay: no pooler found at this address</source>
        <translation>die Nachstellung: an dieser Adresse wurde kein Pooler gefunden</translation>
    </message>
    <message>
        <source>no connection string given</source>
        <translation>keine Verbindungszeichenfolge angegeben</translation>
    </message>
    <message>
        <source>the connection string is only a reference (%1): pass the value itself</source>
        <translation>die Verbindungszeichenfolge ist nur ein Verweis (%1): den Wert selbst übergeben</translation>
    </message>
    <message>
        <source>the connection string cannot be read: %1</source>
        <translation>die Verbindungszeichenfolge kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>libpq rejects the connection string: %1</source>
        <translation>libpq weist die Verbindungszeichenfolge zurück: %1</translation>
    </message>
    <message>
        <source>%1 rejects the connection string: %2</source>
        <translation>%1 weist die Verbindungszeichenfolge zurück: %2</translation>
    </message>
    <message>
        <source>the connection string holds references that only the application expands (%1): pass the expanded value</source>
        <translation>die Verbindungszeichenfolge enthält Verweise, die nur die Anwendung auflöst (%1): den aufgelösten Wert übergeben</translation>
    </message>
    <message>
        <source>the connection string requires TLS and the connection is not encrypted</source>
        <translation>die Verbindungszeichenfolge verlangt TLS, und die Verbindung ist nicht verschlüsselt</translation>
    </message>
    <message>
        <source>not connected</source>
        <translation>nicht verbunden</translation>
    </message>
    <message numerus="yes">
        <source>no answer within %n second(s)</source>
        <translation>
            <numerusform>keine Antwort innerhalb von %n Sekunde</numerusform>
            <numerusform>keine Antwort innerhalb von %n Sekunden</numerusform>
        </translation>
    </message>
    <message>
        <source>no result</source>
        <translation>kein Ergebnis</translation>
    </message>
    <message>
        <source>observed: the server declined TLS (%1)</source>
        <translation>beobachtet: der Server hat TLS abgelehnt (%1)</translation>
    </message>
    <message>
        <source>(database %1)</source>
        <translation>(Datenbank %1)</translation>
    </message>
    <message>
        <source>(not known whether the code needs it: no scan)</source>
        <translation>(nicht bekannt, ob der Code es braucht: kein Scan)</translation>
    </message>
    <message>
        <source>capacity: the application&apos;s pool size is not known (give it with --pool-size)</source>
        <translation>Kapazität: die Poolgröße der Anwendung ist nicht bekannt (mit --pool-size angeben)</translation>
    </message>
    <message>
        <source>the server pool of database %1</source>
        <translation>der Serverpool der Datenbank %1</translation>
    </message>
    <message numerus="yes">
        <source>%1 client connections (pool size %2 × %n instance(s)) &gt; %3 = %4</source>
        <translation>
            <numerusform>%1 Clientverbindungen (Poolgröße %2 × %n Instanz) &gt; %3 = %4</numerusform>
            <numerusform>%1 Clientverbindungen (Poolgröße %2 × %n Instanzen) &gt; %3 = %4</numerusform>
        </translation>
    </message>
    <message>
        <source>could not open two client connections: %1</source>
        <translation>es konnten keine zwei Clientverbindungen geöffnet werden: %1</translation>
    </message>
    <message>
        <source>client B saw search_path = %1, set by client A on server process %2: session state leaks between clients</source>
        <translation>Client B sah search_path = %1, gesetzt von Client A auf Serverprozess %2: Sitzungszustand sickert zwischen Clients durch</translation>
    </message>
    <message>
        <source>client B did not see client A&apos;s search_path (B ran on server process %1, A on %2): no leak observed in this run</source>
        <translation>Client B sah den search_path von Client A nicht (B lief auf Serverprozess %1, A auf %2): in diesem Lauf wurde kein Durchsickern beobachtet</translation>
    </message>
    <message>
        <source>its admin console exists but refused %1 (not in admin_users or stats_users)</source>
        <translation>seine Admin-Konsole existiert, hat %1 aber abgewiesen (nicht in admin_users oder stats_users)</translation>
    </message>
    <message>
        <source>its admin console exists and refused the application&apos;s user</source>
        <translation>seine Admin-Konsole existiert und hat den Benutzer der Anwendung abgewiesen</translation>
    </message>
    <message>
        <source>PgBouncer&apos;s version and settings (%1): no admin access</source>
        <translation>Version und Einstellungen von PgBouncer (%1): kein Admin-Zugriff</translation>
    </message>
    <message>
        <source>no PgBouncer admin console at this address: it is PostgreSQL itself or another pooler</source>
        <translation>keine PgBouncer-Admin-Konsole an dieser Adresse: es ist PostgreSQL selbst oder ein anderer Pooler</translation>
    </message>
    <message>
        <source>PgBouncer&apos;s admin console did not let the check in (%1); not checked: %2</source>
        <translation>die Admin-Konsole von PgBouncer hat die Prüfung nicht eingelassen (%1); nicht geprüft: %2</translation>
    </message>
    <message>
        <source>its admin console answered SHOW VERSION</source>
        <translation>seine Admin-Konsole hat auf SHOW VERSION geantwortet</translation>
    </message>
    <message>
        <source>the console at this address does not answer SHOW VERSION (%1)</source>
        <translation>die Konsole an dieser Adresse antwortet nicht auf SHOW VERSION (%1)</translation>
    </message>
    <message>
        <source>SHOW CONFIG failed (%1)</source>
        <translation>SHOW CONFIG ist gescheitert (%1)</translation>
    </message>
    <message>
        <source>SHOW DATABASES failed (%1)</source>
        <translation>SHOW DATABASES ist gescheitert (%1)</translation>
    </message>
    <message>
        <source>SHOW POOLS failed (%1)</source>
        <translation>SHOW POOLS ist gescheitert (%1)</translation>
    </message>
    <message>
        <source>read as %1 reads it; connected with Qt&apos;s PostgreSQL driver</source>
        <translation>gelesen, wie %1 es liest; verbunden mit Qts PostgreSQL-Treiber</translation>
    </message>
    <message>
        <source>logged in, but no server connection answered: %1</source>
        <translation>angemeldet, aber keine Serververbindung hat geantwortet: %1</translation>
    </message>
    <message>
        <source>Qt&apos;s PostgreSQL driver cannot pass on a value containing &apos;;&apos; (%1)</source>
        <translation>Qts PostgreSQL-Treiber kann keinen Wert mit „;“ weitergeben (%1)</translation>
    </message>
    <message>
        <source>Qt&apos;s PostgreSQL driver (QPSQL) is not installed</source>
        <translation>Qts PostgreSQL-Treiber (QPSQL) ist nicht installiert</translation>
    </message>
    <message>
        <source>Qt&apos;s PostgreSQL driver gave no connection handle</source>
        <translation>Qts PostgreSQL-Treiber hat kein Verbindungs-Handle geliefert</translation>
    </message>
    <message>
        <source>the session settings Qt&apos;s PostgreSQL driver sets on connecting (bytea_output, DateStyle, TimeZone) could not be read back: %1</source>
        <translation>die Sitzungseinstellungen, die Qts PostgreSQL-Treiber beim Verbinden setzt (bytea_output, DateStyle, TimeZone), ließen sich nicht zurücklesen: %1</translation>
    </message>
    <message>
        <source>Qt&apos;s PostgreSQL driver set bytea_output = escape on a server connection that another client took before the check could put it back; it keeps that setting until the pooler closes it</source>
        <translation>Qts PostgreSQL-Treiber hat bytea_output = escape auf einer Serververbindung gesetzt, die ein anderer Client übernommen hat, bevor die Prüfung den Wert zurücksetzen konnte; sie behält diese Einstellung, bis der Pooler sie schließt</translation>
    </message>
    <message>
        <source>this build of PoolProof has no keychain support</source>
        <translation>dieser Build von PoolProof hat keine Schlüsselbund-Unterstützung</translation>
    </message>
    <message>
        <source>the password of %1</source>
        <translation>das Passwort von %1</translation>
    </message>
    <message>
        <source>the admin console password of %1</source>
        <translation>das Admin-Konsolen-Passwort von %1</translation>
    </message>
    <message>
        <source>no notification</source>
        <translation>keine Benachrichtigung</translation>
    </message>
    <message>
        <source>notification on %1</source>
        <translation>Benachrichtigung auf %1</translation>
    </message>
    <message>
        <source>client A received the notification client B sent on %1: no loss observed in this run</source>
        <translation>Client A hat die Benachrichtigung erhalten, die Client B auf %1 gesendet hat: in diesem Durchlauf ging nichts verloren</translation>
    </message>
    <message>
        <source>client A listened on %1 and received nothing; client B received its own NOTIFY on server process %2, where A&apos;s LISTEN had stayed: notifications are lost behind the pooler</source>
        <translation>Client A hat auf %1 gelauscht und nichts erhalten; Client B hat sein eigenes NOTIFY auf Serverprozess %2 erhalten, wo das LISTEN von A geblieben war: Benachrichtigungen gehen hinter dem Pooler verloren</translation>
    </message>
    <message>
        <source>client A listened on %1 and received nothing within %2 ms of client B&apos;s NOTIFY: notifications are lost behind the pooler</source>
        <translation>Client A hat auf %1 gelauscht und binnen %2 ms nach dem NOTIFY von Client B nichts erhalten: Benachrichtigungen gehen hinter dem Pooler verloren</translation>
    </message>
</context>
<context>
    <name>poolproof::ProjectFile</name>
    <message>
        <source>cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1:%2:%3: not valid JSON: %4</source>
        <translation>%1:%2:%3: kein gültiges JSON: %4</translation>
    </message>
    <message>
        <source>%1: the project file must hold a JSON object</source>
        <translation>%1: die Projektdatei muss ein JSON-Objekt enthalten</translation>
    </message>
    <message>
        <source>%1: unknown key &quot;%2&quot; ignored</source>
        <translation>%1: unbekannter Schlüssel „%2“ ignoriert</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; must be %3</source>
        <translation>%1: „%2“ muss %3 sein</translation>
    </message>
    <message>
        <source>%1: unknown pooler profile &quot;%2&quot;</source>
        <translation>%1: unbekanntes Pooler-Profil „%2“</translation>
    </message>
    <message>
        <source>%1: unknown environment kind &quot;%2&quot; (development, test, staging, production, other)</source>
        <translation>%1: unbekannte Umgebungsart „%2“ (development, test, staging, production, other)</translation>
    </message>
    <message>
        <source>%1: unknown driver &quot;%2&quot;</source>
        <translation>%1: unbekannter Treiber „%2“</translation>
    </message>
    <message>
        <source>%1: every environment needs a name</source>
        <translation>%1: jede Umgebung braucht einen Namen</translation>
    </message>
    <message>
        <source>a string</source>
        <translation>eine Zeichenfolge</translation>
    </message>
    <message>
        <source>a whole number</source>
        <translation>eine ganze Zahl</translation>
    </message>
    <message>
        <source>true or false</source>
        <translation>true oder false</translation>
    </message>
    <message>
        <source>a list of strings</source>
        <translation>eine Liste von Zeichenfolgen</translation>
    </message>
    <message>
        <source>a list of objects</source>
        <translation>eine Liste von Objekten</translation>
    </message>
    <message>
        <source>an object</source>
        <translation>ein Objekt</translation>
    </message>
    <message>
        <source>a string or a list of strings</source>
        <translation>eine Zeichenfolge oder eine Liste von Zeichenfolgen</translation>
    </message>
</context>
<context>
    <name>poolproof::RepositoryWalker</name>
    <message>
        <source>%1 does not exist</source>
        <translation>%1 existiert nicht</translation>
    </message>
    <message>
        <source>%1 is not a folder</source>
        <translation>%1 ist kein Ordner</translation>
    </message>
    <message>
        <source>%1 cannot be read: permission denied</source>
        <translation>%1 kann nicht gelesen werden: Zugriff verweigert</translation>
    </message>
    <message>
        <source>git: %1</source>
        <translation>git: %1</translation>
    </message>
    <message>
        <source>git is not available: .gitignore files are not honoured</source>
        <translation>git ist nicht verfügbar: .gitignore-Dateien werden nicht berücksichtigt</translation>
    </message>
    <message>
        <source>git could not list the folder: .gitignore files are not honoured</source>
        <translation>git konnte den Ordner nicht auflisten: .gitignore-Dateien werden nicht berücksichtigt</translation>
    </message>
    <message>
        <source>symbolic link not followed (to %1)</source>
        <translation>symbolischer Link nicht verfolgt (auf %1)</translation>
    </message>
    <message>
        <source>listed by git but missing on disk</source>
        <translation>von git aufgeführt, fehlt aber auf der Festplatte</translation>
    </message>
    <message>
        <source>not a regular file</source>
        <translation>keine reguläre Datei</translation>
    </message>
</context>
<context>
    <name>poolproof::RuleCatalog</name>
    <message>
        <source>cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1 is not valid JSON: %2 (at byte %3)</source>
        <translation>%1 ist kein gültiges JSON: %2 (bei Byte %3)</translation>
    </message>
    <message>
        <source>%1: rule %2 has an unknown severity &quot;%3&quot;</source>
        <translation>%1: Regel %2 hat einen unbekannten Schweregrad „%3“</translation>
    </message>
    <message>
        <source>%1: a rule needs an id, a title and a default severity (rule &quot;%2&quot;)</source>
        <translation>%1: eine Regel braucht eine ID, einen Titel und einen Standardschweregrad (Regel „%2“)</translation>
    </message>
    <message>
        <source>%1: rule %2 is defined twice</source>
        <translation>%1: Regel %2 ist doppelt definiert</translation>
    </message>
    <message>
        <source>%1 lists no pooler profile</source>
        <translation>%1 führt kein Pooler-Profil auf</translation>
    </message>
    <message>
        <source>libpq rejects the connection string</source>
        <translation>libpq lehnt die Verbindungszeichenfolge ab</translation>
    </message>
    <message>
        <source>libpq refuses this connection string, either while parsing it or in the checks it makes when it starts to connect.</source>
        <translation>libpq weist diese Verbindungszeichenfolge zurück, entweder beim Parsen oder bei den Prüfungen, die es zu Beginn des Verbindungsaufbaus vornimmt.</translation>
    </message>
    <message>
        <source>PoolProof hands the string to PQconninfoParse of the libpq it is linked with, then repeats the checks libpq makes before connecting: ports must be whole numbers from 1 to 65535, there must be one port or one port per host, and sslmode, gssencmode, channel_binding, target_session_attrs, load_balance_hosts, sslnegotiation, sslcertmode, require_auth and the TLS protocol versions take fixed values. Anything that fails here fails for psql, psycopg, the pg gem and every other libpq-based client the same way.</source>
        <translation>PoolProof übergibt die Zeichenfolge an PQconninfoParse der libpq, mit der es gelinkt ist, und wiederholt dann die Prüfungen, die libpq vor dem Verbinden vornimmt: Ports müssen ganze Zahlen von 1 bis 65535 sein, es muss einen Port oder einen Port pro Host geben, und sslmode, gssencmode, channel_binding, target_session_attrs, load_balance_hosts, sslnegotiation, sslcertmode, require_auth und die TLS-Protokollversionen nehmen feste Werte an. Was hier scheitert, scheitert genauso für psql, psycopg, das pg-Gem und jeden anderen libpq-basierten Client.</translation>
    </message>
    <message>
        <source>Correct the part of the string the message points at; percent-encode reserved characters in URIs (@ as %40, / as %2F, # as %23, = as %3D, a blank as %20).</source>
        <translation>Den Teil der Zeichenfolge korrigieren, auf den die Meldung zeigt; reservierte Zeichen in URIs prozentkodieren (@ als %40, / als %2F, # als %23, = als %3D, ein Leerzeichen als %20).</translation>
    </message>
    <message>
        <source>Connection string parses, but not as meant</source>
        <translation>Verbindungszeichenfolge wird geparst, aber nicht wie gemeint</translation>
    </message>
    <message>
        <source>libpq accepts the string but splits it differently from what the writer meant, or other drivers read it differently from libpq.</source>
        <translation>libpq akzeptiert die Zeichenfolge, zerlegt sie aber anders, als der Verfasser es meinte, oder andere Treiber lesen sie anders als libpq.</translation>
    </message>
    <message>
        <source>libpq&apos;s URI parser is not a general URL parser. It ends the user part at the first &quot;@&quot; before any &quot;/&quot;, so an unencoded &quot;@&quot; in a password turns the rest of the password into the host name, and an unencoded &quot;/&quot; hides the user part altogether. A &quot;?&quot; before an &quot;@&quot; does not start the parameters. &quot;#&quot; is an ordinary character for libpq but starts a fragment for node-postgres, Go&apos;s net/url and Python&apos;s urlsplit. Raw blanks are kept by libpq 17 but rejected by newer libpq and by pgx. A parameter given twice means the last one to libpq and the first one to pgx.</source>
        <translation>Der URI-Parser von libpq ist kein allgemeiner URL-Parser. Er beendet den Benutzerteil beim ersten „@“ vor einem „/“, sodass ein nicht kodiertes „@“ in einem Passwort den Rest des Passworts zum Hostnamen macht und ein nicht kodiertes „/“ den Benutzerteil ganz verschwinden lässt. Ein „?“ vor einem „@“ leitet die Parameter nicht ein. „#“ ist für libpq ein gewöhnliches Zeichen, leitet aber für node-postgres, net/url von Go und urlsplit von Python ein Fragment ein. Rohe Leerzeichen behält libpq 17, neuere libpq-Versionen und pgx lehnen sie ab. Ein doppelt angegebener Parameter bedeutet für libpq den letzten und für pgx den ersten Wert.</translation>
    </message>
    <message>
        <source>Percent-encode reserved characters in user names, passwords and parameter values: @ as %40, / as %2F, ? as %3F, # as %23, a blank as %20; give each parameter once.</source>
        <translation>Reservierte Zeichen in Benutzernamen, Passwörtern und Parameterwerten prozentkodieren: @ als %40, / als %2F, ? als %3F, # als %23, ein Leerzeichen als %20; jeden Parameter nur einmal angeben.</translation>
    </message>
    <message>
        <source>Keyword needs a newer libpq</source>
        <translation>Schlüsselwort braucht eine neuere libpq</translation>
    </message>
    <message>
        <source>The string uses a keyword or value that the target libpq version does not know, so that libpq rejects the whole string.</source>
        <translation>Die Zeichenfolge verwendet ein Schlüsselwort oder einen Wert, den die Ziel-libpq-Version nicht kennt, daher lehnt diese libpq die ganze Zeichenfolge ab.</translation>
    </message>
    <message>
        <source>libpq rejects unknown keywords at parse time. require_auth, load_balance_hosts, sslcertmode and gssdelegation came with libpq 16, sslnegotiation with 17, min_protocol_version and max_protocol_version with 18; target_session_attrs values other than any and read-write need 14, and sslrootcert=system needs 16 (older libpq reads it as a file name). A client built against an older libpq, often the one of an older distribution or container image, fails on such a string.</source>
        <translation>libpq lehnt unbekannte Schlüsselwörter schon beim Parsen ab. require_auth, load_balance_hosts, sslcertmode und gssdelegation kamen mit libpq 16, sslnegotiation mit 17, min_protocol_version und max_protocol_version mit 18; andere target_session_attrs-Werte als any und read-write brauchen 14, und sslrootcert=system braucht 16 (ältere libpq-Versionen lesen es als Dateinamen). Ein Client, der gegen eine ältere libpq gebaut ist, oft die einer älteren Distribution oder eines älteren Container-Images, scheitert an einer solchen Zeichenfolge.</translation>
    </message>
    <message>
        <source>Upgrade the client&apos;s libpq, or drop the setting for clients that cannot have it.</source>
        <translation>Die libpq des Clients aktualisieren oder die Einstellung für Clients weglassen, die sie nicht haben können.</translation>
    </message>
    <message>
        <source>Written for one driver, rejected by libpq</source>
        <translation>Für einen Treiber geschrieben, von libpq abgelehnt</translation>
    </message>
    <message>
        <source>The string is meant for a driver with its own parameters or syntax; libpq itself rejects it.</source>
        <translation>Die Zeichenfolge ist für einen Treiber mit eigenen Parametern oder eigener Syntax gedacht; libpq selbst lehnt sie ab.</translation>
    </message>
    <message>
        <source>Prisma, pgx, pgjdbc, SQLAlchemy and Npgsql each accept parameters or a syntax that libpq does not (pgbouncer=true, pool_max_conns, jdbc:postgresql://, postgresql+asyncpg://, Host=...;). That is fine for the driver, but the same setting is often handed to psql, pg_dump or a migration tool, which read it with libpq and fail.</source>
        <translation>Prisma, pgx, pgjdbc, SQLAlchemy und Npgsql akzeptieren jeweils Parameter oder eine Syntax, die libpq nicht kennt (pgbouncer=true, pool_max_conns, jdbc:postgresql://, postgresql+asyncpg://, Host=...;). Für den Treiber ist das in Ordnung, aber dieselbe Einstellung wird oft an psql, pg_dump oder ein Migrationswerkzeug übergeben, die sie mit libpq lesen und scheitern.</translation>
    </message>
    <message>
        <source>Keep driver-only parameters in the driver&apos;s own configuration, or give libpq-based tools a separate URL without them.</source>
        <translation>Treiberspezifische Parameter in der eigenen Konfiguration des Treibers halten oder libpq-basierten Werkzeugen eine separate URL ohne sie geben.</translation>
    </message>
    <message>
        <source>The driver rejects the connection string</source>
        <translation>Der Treiber lehnt die Verbindungszeichenfolge ab</translation>
    </message>
    <message>
        <source>The driver that reads this string refuses it, or reads part of it as something else.</source>
        <translation>Der Treiber, der diese Zeichenfolge liest, weist sie zurück oder liest einen Teil davon als etwas anderes.</translation>
    </message>
    <message>
        <source>Drivers parse connection strings with their own rules. pgjdbc has no user:password@ part and needs a &quot;/&quot; after the host and port; node-postgres uses the WHATWG URL parser and throws on host lists with ports; SQLAlchemy passes the parameters of a postgresql+asyncpg URL to asyncpg.connect() as keyword arguments, so libpq&apos;s sslmode fails there; Npgsql refuses keywords it does not know.</source>
        <translation>Treiber parsen Verbindungszeichenfolgen nach eigenen Regeln. pgjdbc hat keinen Teil user:password@ und braucht ein „/“ nach Host und Port; node-postgres verwendet den WHATWG-URL-Parser und wirft bei Hostlisten mit Ports einen Fehler; SQLAlchemy übergibt die Parameter einer postgresql+asyncpg-URL als Schlüsselwortargumente an asyncpg.connect(), sodass sslmode von libpq dort scheitert; Npgsql weist Schlüsselwörter zurück, die es nicht kennt.</translation>
    </message>
    <message>
        <source>Write the string in the reading driver&apos;s own syntax.</source>
        <translation>Die Zeichenfolge in der eigenen Syntax des lesenden Treibers schreiben.</translation>
    </message>
    <message>
        <source>Application bypasses the pooler</source>
        <translation>Anwendung umgeht den Pooler</translation>
    </message>
    <message>
        <source>A staging or production application URL goes straight to the database although the project runs a transaction pooler there.</source>
        <translation>Eine Anwendungs-URL für Staging oder Produktion geht direkt zur Datenbank, obwohl das Projekt dort einen Transaktions-Pooler betreibt.</translation>
    </message>
    <message>
        <source>The project expects its application to connect through a pooler (a pgbouncer.ini is part of it, or the project file says so), but this URL has neither a pooler port (6432, 6543 or the pooler&apos;s listen_port) nor a pooler host name. Every application instance then opens its own server connections, and the server runs out of connections under load; code that was made safe for transaction pooling is never exercised.</source>
        <translation>Das Projekt erwartet, dass sich seine Anwendung über einen Pooler verbindet (eine pgbouncer.ini gehört dazu, oder die Projektdatei sagt es), aber diese URL hat weder einen Pooler-Port (6432, 6543 oder den listen_port des Poolers) noch einen Pooler-Hostnamen. Dann öffnet jede Anwendungsinstanz ihre eigenen Serververbindungen, und dem Server gehen unter Last die Verbindungen aus; Code, der für Transaktionspooling sicher gemacht wurde, wird nie wirklich ausgeführt.</translation>
    </message>
    <message>
        <source>Point the application URL at the pooler (its host and listen_port, usually 6432); keep the direct URL for migrations only.</source>
        <translation>Die Anwendungs-URL auf den Pooler richten (seinen Host und listen_port, meist 6432); die direkte URL nur für Migrationen behalten.</translation>
    </message>
    <message>
        <source>Migrations go through the transaction pooler</source>
        <translation>Migrationen laufen über den Transaktions-Pooler</translation>
    </message>
    <message>
        <source>A URL used for migrations connects through a transaction pooler.</source>
        <translation>Eine für Migrationen verwendete URL verbindet sich über einen Transaktions-Pooler.</translation>
    </message>
    <message>
        <source>Migration tools (Prisma Migrate, Rails, golang-migrate, Atlas and others) take a session-level advisory lock and expect later statements to run on the same server connection. A transaction pooler hands each transaction to any server connection, so the lock is taken on one connection and released on another, migrations hang or fail, and the lock can stay held on a pooled connection.</source>
        <translation>Migrationswerkzeuge (Prisma Migrate, Rails, golang-migrate, Atlas und andere) nehmen einen Advisory Lock auf Sitzungsebene und erwarten, dass spätere Anweisungen auf derselben Serververbindung laufen. Ein Transaktions-Pooler gibt jede Transaktion an irgendeine Serververbindung, sodass der Lock auf einer Verbindung genommen und auf einer anderen freigegeben wird; Migrationen hängen oder scheitern, und der Lock kann auf einer gepoolten Verbindung gehalten bleiben.</translation>
    </message>
    <message>
        <source>Give migrations a direct URL to the database (Prisma directUrl, MIGRATION_DATABASE_URL, DIRECT_URL), or set advisory_locks: false in Rails.</source>
        <translation>Migrationen eine direkte URL zur Datenbank geben (Prisma directUrl, MIGRATION_DATABASE_URL, DIRECT_URL) oder in Rails advisory_locks: false setzen.</translation>
    </message>
    <message>
        <source>Production TLS does not verify the server</source>
        <translation>TLS in Produktion prüft den Server nicht</translation>
    </message>
    <message>
        <source>In production the connection does not insist on TLS with a verified server certificate and host name.</source>
        <translation>In Produktion besteht die Verbindung nicht auf TLS mit geprüftem Serverzertifikat und Hostnamen.</translation>
    </message>
    <message>
        <source>With sslmode unset, allow or prefer, libpq falls back to plain text whenever TLS is not offered, and even require only encrypts: it does not check who is at the other end. verify-ca checks the certificate but not that it was issued for this host. Only verify-full (or sslrootcert=system, which implies it) protects against a man in the middle. Drivers that are not libpq have their own names and defaults for the same thing.</source>
        <translation>Ist sslmode nicht gesetzt, allow oder prefer, fällt libpq auf Klartext zurück, sobald TLS nicht angeboten wird, und selbst require verschlüsselt nur: Es prüft nicht, wer am anderen Ende ist. verify-ca prüft das Zertifikat, aber nicht, ob es für diesen Host ausgestellt wurde. Nur verify-full (oder sslrootcert=system, das es impliziert) schützt vor einem Man-in-the-Middle. Treiber, die nicht libpq sind, haben eigene Namen und Standardwerte dafür.</translation>
    </message>
    <message>
        <source>Use sslmode=verify-full with the server&apos;s CA in sslrootcert (or sslrootcert=system for a public CA).</source>
        <translation>sslmode=verify-full mit der CA des Servers in sslrootcert verwenden (oder sslrootcert=system für eine öffentliche CA).</translation>
    </message>
    <message>
        <source>Production points at this machine</source>
        <translation>Produktion zeigt auf diesen Rechner</translation>
    </message>
    <message>
        <source>A production connection string points at localhost, a loopback address or a Unix socket.</source>
        <translation>Eine Produktions-Verbindungszeichenfolge zeigt auf localhost, eine Loopback-Adresse oder einen Unix-Socket.</translation>
    </message>
    <message>
        <source>localhost, 127.0.0.1, ::1, an absolute path and an empty host (libpq&apos;s default, the local Unix socket) all mean the machine the application runs on. In production that is almost always a leftover from development, and the application fails to start or talks to the wrong database.</source>
        <translation>localhost, 127.0.0.1, ::1, ein absoluter Pfad und ein leerer Host (der Standard von libpq, der lokale Unix-Socket) bezeichnen alle den Rechner, auf dem die Anwendung läuft. In Produktion ist das fast immer ein Überbleibsel aus der Entwicklung, und die Anwendung startet nicht oder spricht mit der falschen Datenbank.</translation>
    </message>
    <message>
        <source>Use the production database&apos;s or pooler&apos;s host name.</source>
        <translation>Den Hostnamen der Produktionsdatenbank oder ihres Poolers verwenden.</translation>
    </message>
    <message>
        <source>Literal password in a committed connection string</source>
        <translation>Literales Passwort in einer eingecheckten Verbindungszeichenfolge</translation>
    </message>
    <message>
        <source>A staging or production connection string contains the password itself instead of a reference to it.</source>
        <translation>Eine Verbindungszeichenfolge für Staging oder Produktion enthält das Passwort selbst statt eines Verweises darauf.</translation>
    </message>
    <message>
        <source>Whoever can read the repository, its history or its build logs can read the password, and it cannot be rotated without a commit. A reference such as ${DB_PASSWORD}, $(DB_PASSWORD), {{ .Values.password }} or env(&quot;DATABASE_URL&quot;) is fine in a file the application expands; note that libpq itself does not expand ${...}: handed to libpq directly, it is a literal password.</source>
        <translation>Wer das Repository, seine Historie oder seine Build-Logs lesen kann, kann das Passwort lesen, und es lässt sich nicht ohne Commit rotieren. Ein Verweis wie ${DB_PASSWORD}, $(DB_PASSWORD), {{ .Values.password }} oder env(&quot;DATABASE_URL&quot;) ist in einer Datei, die die Anwendung expandiert, in Ordnung; beachten Sie, dass libpq selbst ${...} nicht expandiert: Direkt an libpq übergeben, ist es ein literales Passwort.</translation>
    </message>
    <message>
        <source>Replace the password with a reference to a secret (${DB_PASSWORD}, a Kubernetes secretKeyRef, the platform&apos;s secret store) and rotate the exposed password.</source>
        <translation>Das Passwort durch einen Verweis auf ein Secret ersetzen (${DB_PASSWORD}, eine Kubernetes-secretKeyRef, den Secret-Speicher der Plattform) und das offengelegte Passwort rotieren.</translation>
    </message>
    <message>
        <source>Superuser or default credentials</source>
        <translation>Superuser- oder Standard-Anmeldedaten</translation>
    </message>
    <message>
        <source>A staging or production connection logs in as the postgres superuser or with a well-known default password.</source>
        <translation>Eine Verbindung für Staging oder Produktion meldet sich als Superuser postgres oder mit einem bekannten Standardpasswort an.</translation>
    </message>
    <message>
        <source>An application that logs in as postgres can do anything to every database on the server, including dropping it, and bypasses row-level security. Default passwords such as postgres, password or changeme are the first thing an attacker tries.</source>
        <translation>Eine Anwendung, die sich als postgres anmeldet, kann mit jeder Datenbank auf dem Server alles tun, sie auch löschen, und umgeht die Sicherheit auf Zeilenebene. Standardpasswörter wie postgres, password oder changeme probiert ein Angreifer als Erstes aus.</translation>
    </message>
    <message>
        <source>Create a role for the application with only the privileges it needs, and give it a generated password kept in a secret store.</source>
        <translation>Eine Rolle für die Anwendung mit nur den Rechten anlegen, die sie braucht, und ihr ein generiertes Passwort geben, das in einem Secret-Speicher liegt.</translation>
    </message>
    <message>
        <source>No usable connect timeout</source>
        <translation>Kein brauchbares Verbindungs-Timeout</translation>
    </message>
    <message>
        <source>The production connection string sets no connect timeout (or sets 0), and its driver has none by default.</source>
        <translation>Die Produktions-Verbindungszeichenfolge setzt kein Verbindungs-Timeout (oder setzt 0), und ihr Treiber hat standardmäßig keines.</translation>
    </message>
    <message>
        <source>Without connect_timeout libpq waits for an unreachable server as long as the operating system lets it, often minutes; the application hangs at start-up or during a failover instead of failing fast and retrying. connect_timeout must be a whole number of seconds; libpq raises values below 2 to 2, and 0 means wait forever. node-postgres, pgx and lib/pq behave the same; pgjdbc, Npgsql, Prisma, postgres.js and asyncpg have defaults of their own.</source>
        <translation>Ohne connect_timeout wartet libpq auf einen nicht erreichbaren Server so lange, wie das Betriebssystem es zulässt, oft minutenlang; die Anwendung hängt beim Start oder während eines Failovers, statt schnell zu scheitern und es erneut zu versuchen. connect_timeout muss eine ganze Zahl von Sekunden sein; libpq hebt Werte unter 2 auf 2 an, und 0 bedeutet ewig warten. node-postgres, pgx und lib/pq verhalten sich genauso; pgjdbc, Npgsql, Prisma, postgres.js und asyncpg haben eigene Standardwerte.</translation>
    </message>
    <message>
        <source>Add connect_timeout=5 (or a value that suits the network) to the URL.</source>
        <translation>connect_timeout=5 (oder einen zum Netzwerk passenden Wert) zur URL hinzufügen.</translation>
    </message>
    <message>
        <source>No application_name</source>
        <translation>Kein application_name</translation>
    </message>
    <message>
        <source>The production application URL does not set application_name.</source>
        <translation>Die Anwendungs-URL für Produktion setzt keinen application_name.</translation>
    </message>
    <message>
        <source>application_name shows in pg_stat_activity, in the server log and in PgBouncer&apos;s SHOW CLIENTS, and PgBouncer tracks it per client. Without it, nobody can tell which service holds a lock or runs a slow query.</source>
        <translation>application_name erscheint in pg_stat_activity, im Serverlog und in SHOW CLIENTS von PgBouncer, und PgBouncer führt ihn pro Client. Ohne ihn kann niemand sagen, welcher Dienst einen Lock hält oder eine langsame Abfrage ausführt.</translation>
    </message>
    <message>
        <source>Add application_name=&lt;service name&gt; to the URL (ApplicationName for pgjdbc, Application Name for Npgsql).</source>
        <translation>application_name=&lt;Dienstname&gt; zur URL hinzufügen (ApplicationName für pgjdbc, Application Name für Npgsql).</translation>
    </message>
    <message>
        <source>Application uses a maintenance database</source>
        <translation>Anwendung verwendet eine Wartungsdatenbank</translation>
    </message>
    <message>
        <source>A staging or production application connects to the postgres, template1 or template0 database.</source>
        <translation>Eine Anwendung in Staging oder Produktion verbindet sich mit der Datenbank postgres, template1 oder template0.</translation>
    </message>
    <message>
        <source>postgres is the default database every tool connects to for administration, and template1 is copied into every new database: tables created there by an application end up in places nobody expects. It usually means the database name was forgotten.</source>
        <translation>postgres ist die Standarddatenbank, mit der sich jedes Werkzeug zur Administration verbindet, und template1 wird in jede neue Datenbank kopiert: Tabellen, die eine Anwendung dort anlegt, landen an Orten, an denen niemand sie erwartet. Meist bedeutet es, dass der Datenbankname vergessen wurde.</translation>
    </message>
    <message>
        <source>Create a database for the application and use its name.</source>
        <translation>Eine Datenbank für die Anwendung anlegen und ihren Namen verwenden.</translation>
    </message>
    <message>
        <source>TLS that the pooler refuses</source>
        <translation>TLS, das der Pooler ablehnt</translation>
    </message>
    <message>
        <source>The URL asks for TLS but the pooler in front of the database does not accept TLS from clients.</source>
        <translation>Die URL verlangt TLS, aber der Pooler vor der Datenbank akzeptiert kein TLS von Clients.</translation>
    </message>
    <message>
        <source>PgBouncer&apos;s client_tls_sslmode is disable by default: it then declines the TLS request, so a client with sslmode=require or stronger cannot connect, and a client with prefer silently talks plain text.</source>
        <translation>client_tls_sslmode von PgBouncer ist standardmäßig disable: Dann lehnt PgBouncer die TLS-Anfrage ab, sodass ein Client mit sslmode=require oder stärker sich nicht verbinden kann und ein Client mit prefer stillschweigend im Klartext kommuniziert.</translation>
    </message>
    <message>
        <source>Configure client_tls_sslmode, client_tls_key_file and client_tls_cert_file in pgbouncer.ini (a certificate for the pooler&apos;s host name for verify-full).</source>
        <translation>client_tls_sslmode, client_tls_key_file und client_tls_cert_file in der pgbouncer.ini konfigurieren (für verify-full ein Zertifikat für den Hostnamen des Poolers).</translation>
    </message>
    <message>
        <source>Driver setting does not fit the pooler</source>
        <translation>Treibereinstellung passt nicht zum Pooler</translation>
    </message>
    <message>
        <source>A driver flag in the URL is missing, or set although the chosen pooler does not need it.</source>
        <translation>Ein Treiber-Schalter in der URL fehlt oder ist gesetzt, obwohl der gewählte Pooler ihn nicht braucht.</translation>
    </message>
    <message>
        <source>Drivers create protocol-level named prepared statements by default (Prisma, pgjdbc after 5 executions, pgx, asyncpg, postgres.js, Rails). PgBouncer keeps them from 1.21 on when max_prepared_statements is above 0, which is the default since 1.24; Supavisor, PgCat and Azure&apos;s PgBouncer do not by default. Where the pooler does not keep them, the driver needs its switch: Prisma pgbouncer=true, pgjdbc prepareThreshold=0, pgx default_query_exec_mode=exec, SQLAlchemy/asyncpg prepared_statement_cache_size=0, postgres.js prepare=false, Rails prepared_statements: false. Where the pooler keeps them, such switches only cost performance. pgx&apos;s describe_exec mode is never safe behind a transaction pooler.</source>
        <translation>Treiber legen standardmäßig benannte vorbereitete Anweisungen auf Protokollebene an (Prisma, pgjdbc nach 5 Ausführungen, pgx, asyncpg, postgres.js, Rails). PgBouncer behält sie ab 1.21, wenn max_prepared_statements über 0 liegt, was seit 1.24 der Standard ist; Supavisor, PgCat und der PgBouncer von Azure tun das standardmäßig nicht. Wo der Pooler sie nicht behält, braucht der Treiber seinen Schalter: Prisma pgbouncer=true, pgjdbc prepareThreshold=0, pgx default_query_exec_mode=exec, SQLAlchemy/asyncpg prepared_statement_cache_size=0, postgres.js prepare=false, Rails prepared_statements: false. Wo der Pooler sie behält, kosten solche Schalter nur Leistung. Der Modus describe_exec von pgx ist hinter einem Transaktions-Pooler nie sicher.</translation>
    </message>
    <message>
        <source>Set the driver&apos;s switch for poolers without prepared-statement support, and drop it for poolers with it.</source>
        <translation>Den Schalter des Treibers für Pooler ohne Unterstützung vorbereiteter Anweisungen setzen und für Pooler mit dieser Unterstützung weglassen.</translation>
    </message>
    <message>
        <source>Startup parameter the pooler refuses</source>
        <translation>Startparameter, den der Pooler ablehnt</translation>
    </message>
    <message>
        <source>The driver sends a startup parameter that PgBouncer does not track, so PgBouncer disconnects the client.</source>
        <translation>Der Treiber sendet einen Startparameter, den PgBouncer nicht verfolgt, daher trennt PgBouncer den Client.</translation>
    </message>
    <message>
        <source>PgBouncer accepts only client_encoding, DateStyle, TimeZone, standard_conforming_strings, application_name and the parameters in track_extra_parameters (IntervalStyle by default) in the startup packet. Anything else ends the connection with &quot;unsupported startup parameter&quot; unless it is listed in ignore_startup_parameters. pgx, lib/pq, asyncpg and postgres.js send unknown URL parameters as startup parameters, node-postgres sends statement_timeout and options, pgjdbc always sends extra_float_digits, and every driver sends options, whose -c settings PgBouncer checks one by one.</source>
        <translation>PgBouncer akzeptiert im Startpaket nur client_encoding, DateStyle, TimeZone, standard_conforming_strings, application_name und die Parameter in track_extra_parameters (standardmäßig IntervalStyle). Alles andere beendet die Verbindung mit „unsupported startup parameter“, sofern es nicht in ignore_startup_parameters aufgeführt ist. pgx, lib/pq, asyncpg und postgres.js senden unbekannte URL-Parameter als Startparameter, node-postgres sendet statement_timeout und options, pgjdbc sendet immer extra_float_digits, und jeder Treiber sendet options, dessen -c-Einstellungen PgBouncer einzeln prüft.</translation>
    </message>
    <message>
        <source>Drop the parameter and set it per transaction (SET LOCAL) or on the role (ALTER ROLE ... SET), or add it to ignore_startup_parameters in pgbouncer.ini.</source>
        <translation>Den Parameter weglassen und ihn pro Transaktion (SET LOCAL) oder an der Rolle (ALTER ROLE ... SET) setzen oder ihn in der pgbouncer.ini zu ignore_startup_parameters hinzufügen.</translation>
    </message>
    <message>
        <source>Development points at production</source>
        <translation>Entwicklung zeigt auf Produktion</translation>
    </message>
    <message>
        <source>A development or test connection string points at a production database host.</source>
        <translation>Eine Verbindungszeichenfolge für Entwicklung oder Test zeigt auf einen Produktions-Datenbankhost.</translation>
    </message>
    <message>
        <source>The host is the same as in a production URL of the project, or its name says prod. Running migrations, seeds or tests from a developer machine then changes production data.</source>
        <translation>Der Host ist derselbe wie in einer Produktions-URL des Projekts, oder sein Name enthält „prod“. Migrationen, Seeds oder Tests, die auf einem Entwicklerrechner laufen, ändern dann Produktionsdaten.</translation>
    </message>
    <message>
        <source>Point development and test settings at a local or development database.</source>
        <translation>Entwicklungs- und Testeinstellungen auf eine lokale oder eine Entwicklungsdatenbank richten.</translation>
    </message>
    <message>
        <source>Staging differs from production</source>
        <translation>Staging weicht von Produktion ab</translation>
    </message>
    <message>
        <source>The staging connection string differs from production in a way that hides problems until release.</source>
        <translation>Die Staging-Verbindungszeichenfolge weicht so von der Produktion ab, dass Probleme bis zum Release verborgen bleiben.</translation>
    </message>
    <message>
        <source>Staging is where pooler, TLS and permission problems should show up first. If staging skips the pooler production uses, uses weaker TLS, another user naming scheme or another database name pattern, code that works in staging can break in production.</source>
        <translation>In Staging sollten sich Pooler-, TLS- und Berechtigungsprobleme zuerst zeigen. Wenn Staging den Pooler auslässt, den die Produktion verwendet, schwächeres TLS, ein anderes Benennungsschema für Benutzer oder ein anderes Muster für Datenbanknamen verwendet, kann Code, der in Staging funktioniert, in Produktion brechen.</translation>
    </message>
    <message>
        <source>Make staging use the same topology and settings as production: the pooler, the sslmode, the user and database naming.</source>
        <translation>Staging dieselbe Topologie und dieselben Einstellungen wie die Produktion verwenden lassen: den Pooler, den sslmode, die Benennung von Benutzern und Datenbanken.</translation>
    </message>
    <message>
        <source>node-postgres named query</source>
        <translation>Benannte Abfrage in node-postgres</translation>
    </message>
    <message>
        <source>A query config with a name makes node-postgres use a named prepared statement.</source>
        <translation>Eine Abfragekonfiguration mit einem Namen lässt node-postgres eine benannte vorbereitete Anweisung verwenden.</translation>
    </message>
    <message>
        <source>node-postgres remembers, per client connection, which names it has prepared and afterwards sends only Bind and Execute. Behind a transaction pooler the next run can land on a server connection where the statement was never prepared. Poolers that track protocol-level prepared statements (PgBouncer 1.21 or later with max_prepared_statements above 0) make this work; the others do not.</source>
        <translation>node-postgres merkt sich pro Clientverbindung, welche Namen es vorbereitet hat, und sendet danach nur noch Bind und Execute. Hinter einem Transaktions-Pooler kann der nächste Lauf auf einer Serververbindung landen, auf der die Anweisung nie vorbereitet wurde. Pooler, die vorbereitete Anweisungen auf Protokollebene verfolgen (PgBouncer 1.21 oder neuer mit max_prepared_statements über 0), machen das möglich; die anderen nicht.</translation>
    </message>
    <message>
        <source>Drop the name from the query config (node-postgres then uses the unnamed statement), or make sure every pooler in the path tracks prepared statements.</source>
        <translation>Den Namen aus der Abfragekonfiguration entfernen (node-postgres verwendet dann die unbenannte Anweisung) oder sicherstellen, dass jeder Pooler auf dem Weg vorbereitete Anweisungen verfolgt.</translation>
    </message>
    <message>
        <source>Drizzle .prepare() over node-postgres</source>
        <translation>Drizzle .prepare() über node-postgres</translation>
    </message>
    <message>
        <source>Drizzle&apos;s .prepare(name) on the node-postgres driver runs a named prepared statement.</source>
        <translation>Drizzles .prepare(name) auf dem node-postgres-Treiber führt eine benannte vorbereitete Anweisung aus.</translation>
    </message>
    <message>
        <source>With the node-postgres driver, Drizzle passes the name given to .prepare() to node-postgres as the query name, which creates a named prepared statement per server connection, with the same problem as a named node-postgres query behind a pooler that does not track them.</source>
        <translation>Mit dem node-postgres-Treiber übergibt Drizzle den an .prepare() übergebenen Namen als Abfragenamen an node-postgres, das daraus eine benannte vorbereitete Anweisung pro Serververbindung macht – mit demselben Problem wie eine benannte node-postgres-Abfrage hinter einem Pooler, der sie nicht verfolgt.</translation>
    </message>
    <message>
        <source>Call the query without .prepare() behind such a pooler, or make sure every pooler in the path tracks prepared statements.</source>
        <translation>Die Abfrage hinter einem solchen Pooler ohne .prepare() aufrufen oder sicherstellen, dass jeder Pooler auf dem Weg vorbereitete Anweisungen verfolgt.</translation>
    </message>
    <message>
        <source>pg gem prepare</source>
        <translation>prepare im pg-Gem</translation>
    </message>
    <message>
        <source>PG::Connection#prepare creates a named prepared statement on the server connection.</source>
        <translation>PG::Connection#prepare legt eine benannte vorbereitete Anweisung auf der Serververbindung an.</translation>
    </message>
    <message>
        <source>conn.prepare(name, sql) and exec_prepared(name, …) rely on the statement existing on the server connection. Through a transaction pooler without prepared-statement tracking, exec_prepared runs on a connection that never saw the prepare.</source>
        <translation>conn.prepare(name, sql) und exec_prepared(name, …) verlassen sich darauf, dass die Anweisung auf der Serververbindung existiert. Über einen Transaktions-Pooler ohne Verfolgung vorbereiteter Anweisungen läuft exec_prepared auf einer Verbindung, die das prepare nie gesehen hat.</translation>
    </message>
    <message>
        <source>Use exec_params (an unnamed statement) or make sure every pooler in the path tracks prepared statements.</source>
        <translation>exec_params (eine unbenannte Anweisung) verwenden oder sicherstellen, dass jeder Pooler auf dem Weg vorbereitete Anweisungen verfolgt.</translation>
    </message>
    <message>
        <source>Go prepared statement</source>
        <translation>Vorbereitete Anweisung in Go</translation>
    </message>
    <message>
        <source>Prepare in database/sql or pgx creates a named statement on one server connection.</source>
        <translation>Prepare in database/sql oder pgx legt eine benannte Anweisung auf einer Serververbindung an.</translation>
    </message>
    <message>
        <source>database/sql re-prepares a *sql.Stmt on each connection it meets, and pgx&apos;s Conn.Prepare names the statement on its connection. Behind a transaction pooler without prepared-statement tracking the statement is missing or duplicated on the server connection that actually runs it.</source>
        <translation>database/sql bereitet ein *sql.Stmt auf jeder Verbindung, auf die es trifft, erneut vor, und Conn.Prepare von pgx benennt die Anweisung auf seiner Verbindung. Hinter einem Transaktions-Pooler ohne Verfolgung vorbereiteter Anweisungen fehlt die Anweisung auf der Serververbindung, die sie tatsächlich ausführt, oder sie ist dort doppelt vorhanden.</translation>
    </message>
    <message>
        <source>Run the query directly (db.QueryContext with arguments) or prepare inside the transaction that uses it; with pgx, keep the default exec mode only where the pooler tracks prepared statements.</source>
        <translation>Die Abfrage direkt ausführen (db.QueryContext mit Argumenten) oder innerhalb der Transaktion vorbereiten, die sie verwendet; bei pgx den Standard-Ausführungsmodus nur dort beibehalten, wo der Pooler vorbereitete Anweisungen verfolgt.</translation>
    </message>
    <message>
        <source>pgjdbc server-side prepare threshold</source>
        <translation>Schwelle für serverseitiges Prepare in pgjdbc</translation>
    </message>
    <message>
        <source>A prepare threshold above 0 makes pgjdbc switch to named server-side statements.</source>
        <translation>Eine Prepare-Schwelle über 0 lässt pgjdbc auf benannte serverseitige Anweisungen umschalten.</translation>
    </message>
    <message>
        <source>pgjdbc names a PreparedStatement on the server (S_1, S_2, …) once it has run as often as the threshold. Behind a transaction pooler without prepared-statement tracking those names are missing or taken on the server connection that runs the next execution.</source>
        <translation>pgjdbc benennt ein PreparedStatement auf dem Server (S_1, S_2, …), sobald es so oft gelaufen ist wie die Schwelle angibt. Hinter einem Transaktions-Pooler ohne Verfolgung vorbereiteter Anweisungen fehlen diese Namen auf der Serververbindung, die die nächste Ausführung übernimmt, oder sie sind dort schon vergeben.</translation>
    </message>
    <message>
        <source>Set prepareThreshold=0 (in the JDBC URL or with setPrepareThreshold(0)) behind such a pooler.</source>
        <translation>Hinter einem solchen Pooler prepareThreshold=0 setzen (in der JDBC-URL oder mit setPrepareThreshold(0)).</translation>
    </message>
    <message>
        <source>Npgsql explicit Prepare</source>
        <translation>Explizites Prepare in Npgsql</translation>
    </message>
    <message>
        <source>NpgsqlCommand.Prepare() creates a persistent named statement on the server connection.</source>
        <translation>NpgsqlCommand.Prepare() legt eine dauerhafte benannte Anweisung auf der Serververbindung an.</translation>
    </message>
    <message>
        <source>Npgsql&apos;s explicit preparation outlives the command and is tied to one server connection. Behind a transaction pooler without prepared-statement tracking, later executions run on connections that do not have it.</source>
        <translation>Die explizite Vorbereitung von Npgsql überdauert den Befehl und ist an eine Serververbindung gebunden. Hinter einem Transaktions-Pooler ohne Verfolgung vorbereiteter Anweisungen laufen spätere Ausführungen auf Verbindungen, die sie nicht haben.</translation>
    </message>
    <message>
        <source>Do not call Prepare() behind such a pooler, or make sure every pooler in the path tracks prepared statements (PgBouncer 1.21 or later with max_prepared_statements above 0).</source>
        <translation>Hinter einem solchen Pooler Prepare() nicht aufrufen oder sicherstellen, dass jeder Pooler auf dem Weg vorbereitete Anweisungen verfolgt (PgBouncer 1.21 oder neuer mit max_prepared_statements über 0).</translation>
    </message>
    <message>
        <source>Session-level SET</source>
        <translation>SET auf Sitzungsebene</translation>
    </message>
    <message>
        <source>A plain SET changes the server connection, not your transaction.</source>
        <translation>Ein einfaches SET ändert die Serververbindung, nicht Ihre Transaktion.</translation>
    </message>
    <message>
        <source>In transaction mode the pooler hands the server connection to another client as soon as the transaction ends. A session-level SET stays on that connection: other clients inherit the value (another tenant&apos;s search_path, a short statement_timeout), while your next transaction usually runs on a different connection that never saw it.</source>
        <translation>Im Transaktionsmodus gibt der Pooler die Serververbindung an einen anderen Client weiter, sobald die Transaktion endet. Ein SET auf Sitzungsebene bleibt auf dieser Verbindung: Andere Clients erben den Wert (den search_path eines anderen Mandanten, ein kurzes statement_timeout), während Ihre nächste Transaktion meist auf einer anderen Verbindung läuft, die ihn nie gesehen hat.</translation>
    </message>
    <message>
        <source>Use SET LOCAL (or set_config(name, value, true)) inside an explicit transaction, or set the value per role or database (ALTER ROLE … SET) or in the connection&apos;s startup options where the pooler tracks it.</source>
        <translation>SET LOCAL (oder set_config(name, value, true)) innerhalb einer expliziten Transaktion verwenden oder den Wert pro Rolle oder Datenbank (ALTER ROLE … SET) oder in den Startoptionen der Verbindung setzen, wo der Pooler ihn verfolgt.</translation>
    </message>
    <message>
        <source>SET of a parameter the pooler tracks</source>
        <translation>SET eines Parameters, den der Pooler verfolgt</translation>
    </message>
    <message>
        <source>This parameter is tracked by the pooler and restored for each client.</source>
        <translation>Dieser Parameter wird vom Pooler verfolgt und für jeden Client wiederhergestellt.</translation>
    </message>
    <message>
        <source>PgBouncer keeps client_encoding, DateStyle, IntervalStyle, TimeZone, standard_conforming_strings and application_name per client and re-applies them when the client gets another server connection, so a session-level SET of one of these works. Poolers without that tracking treat it like any other SET.</source>
        <translation>PgBouncer führt client_encoding, DateStyle, IntervalStyle, TimeZone, standard_conforming_strings und application_name pro Client und setzt sie erneut, wenn der Client eine andere Serververbindung bekommt; ein SET einer dieser Einstellungen auf Sitzungsebene funktioniert also. Pooler ohne diese Verfolgung behandeln es wie jedes andere SET.</translation>
    </message>
    <message>
        <source>Nothing is needed on this pooler. To stay portable, set it in the connection string&apos;s startup parameters or use SET LOCAL inside a transaction.</source>
        <translation>Auf diesem Pooler ist nichts nötig. Um portabel zu bleiben, den Wert in den Startparametern der Verbindungszeichenfolge setzen oder SET LOCAL innerhalb einer Transaktion verwenden.</translation>
    </message>
    <message>
        <source>Session-level RESET</source>
        <translation>RESET auf Sitzungsebene</translation>
    </message>
    <message>
        <source>RESET changes the server connection for whoever uses it next.</source>
        <translation>RESET ändert die Serververbindung für alle, die sie danach nutzen.</translation>
    </message>
    <message>
        <source>A RESET (or RESET ALL) outside SET LOCAL&apos;s scope acts on the shared server connection. Code that resets a value usually relies on an earlier session-level SET having taken effect on the same connection, which a transaction pooler does not guarantee.</source>
        <translation>Ein RESET (oder RESET ALL) außerhalb des Geltungsbereichs von SET LOCAL wirkt auf die gemeinsam genutzte Serververbindung. Code, der einen Wert zurücksetzt, verlässt sich meist darauf, dass ein früheres SET auf Sitzungsebene auf derselben Verbindung wirksam wurde, was ein Transaktions-Pooler nicht garantiert.</translation>
    </message>
    <message>
        <source>Replace the SET/RESET pair with SET LOCAL inside one transaction; the value then ends with the transaction by itself.</source>
        <translation>Das Paar SET/RESET durch SET LOCAL innerhalb einer Transaktion ersetzen; der Wert endet dann von selbst mit der Transaktion.</translation>
    </message>
    <message>
        <source>set_config(…, false): a session-level setting</source>
        <translation>set_config(…, false): eine Einstellung auf Sitzungsebene</translation>
    </message>
    <message>
        <source>set_config with is_local = false behaves like a plain SET.</source>
        <translation>set_config mit is_local = false verhält sich wie ein einfaches SET.</translation>
    </message>
    <message>
        <source>The third argument of set_config decides the scope: false keeps the value for the rest of the session, so it stays on the pooled server connection and leaks to other clients, exactly like a session-level SET.</source>
        <translation>Das dritte Argument von set_config bestimmt den Geltungsbereich: false behält den Wert für den Rest der Sitzung, sodass er auf der gepoolten Serververbindung bleibt und zu anderen Clients durchsickert, genau wie ein SET auf Sitzungsebene.</translation>
    </message>
    <message>
        <source>Pass true as the third argument inside an explicit transaction: set_config(name, value, true).</source>
        <translation>Innerhalb einer expliziten Transaktion true als drittes Argument übergeben: set_config(name, value, true).</translation>
    </message>
    <message>
        <source>set_config with a scope decided at run time</source>
        <translation>set_config mit einem erst zur Laufzeit bestimmten Geltungsbereich</translation>
    </message>
    <message>
        <source>set_config&apos;s third argument is not a constant, so the setting may be session-level.</source>
        <translation>Das dritte Argument von set_config ist keine Konstante, daher kann die Einstellung auf Sitzungsebene gelten.</translation>
    </message>
    <message>
        <source>When is_local comes from a parameter or expression, the code can set a session-level value at run time, which then stays on the pooled server connection.</source>
        <translation>Wenn is_local aus einem Parameter oder Ausdruck stammt, kann der Code zur Laufzeit einen Wert auf Sitzungsebene setzen, der dann auf der gepoolten Serververbindung bleibt.</translation>
    </message>
    <message>
        <source>Pass the constant true as the third argument, inside an explicit transaction.</source>
        <translation>Innerhalb einer expliziten Transaktion die Konstante true als drittes Argument übergeben.</translation>
    </message>
    <message>
        <source>SET ROLE or SET SESSION AUTHORIZATION</source>
        <translation>SET ROLE oder SET SESSION AUTHORIZATION</translation>
    </message>
    <message>
        <source>Changing the role for the session hands that role to other clients of the pooler.</source>
        <translation>Wer die Rolle für die Sitzung ändert, gibt diese Rolle an andere Clients des Poolers weiter.</translation>
    </message>
    <message>
        <source>SET ROLE and SET SESSION AUTHORIZATION last for the session. Behind a transaction pooler the server connection, with its changed role, goes back to the pool: the next client runs with privileges it was never given, and your own next transaction may run without them.</source>
        <translation>SET ROLE und SET SESSION AUTHORIZATION gelten für die ganze Sitzung. Hinter einem Transaktions-Pooler geht die Serververbindung mit ihrer geänderten Rolle zurück in den Pool: Der nächste Client läuft mit Rechten, die ihm nie gewährt wurden, und Ihre eigene nächste Transaktion läuft womöglich ohne sie.</translation>
    </message>
    <message>
        <source>Use SET LOCAL ROLE inside an explicit transaction, or connect as the right role through its own pool.</source>
        <translation>SET LOCAL ROLE innerhalb einer expliziten Transaktion verwenden oder sich über einen eigenen Pool als die richtige Rolle verbinden.</translation>
    </message>
    <message>
        <source>SET SESSION CHARACTERISTICS</source>
        <translation>SET SESSION CHARACTERISTICS</translation>
    </message>
    <message>
        <source>Default transaction characteristics set for the session stay on the server connection.</source>
        <translation>Für die Sitzung gesetzte Standardeigenschaften von Transaktionen bleiben auf der Serververbindung.</translation>
    </message>
    <message>
        <source>SET SESSION CHARACTERISTICS AS TRANSACTION changes the defaults of every later transaction on that server connection, whichever client it serves next.</source>
        <translation>SET SESSION CHARACTERISTICS AS TRANSACTION ändert die Standardwerte jeder späteren Transaktion auf dieser Serververbindung, egal welchen Client sie als Nächstes bedient.</translation>
    </message>
    <message>
        <source>Give the characteristics per transaction: BEGIN ISOLATION LEVEL … or SET TRANSACTION … right after BEGIN.</source>
        <translation>Die Eigenschaften pro Transaktion angeben: BEGIN ISOLATION LEVEL … oder SET TRANSACTION … direkt nach BEGIN.</translation>
    </message>
    <message>
        <source>LISTEN through a transaction pooler</source>
        <translation>LISTEN über einen Transaktions-Pooler</translation>
    </message>
    <message>
        <source>LISTEN subscribes the server connection, which the pooler gives to other clients.</source>
        <translation>LISTEN richtet das Abonnement auf der Serververbindung ein, die der Pooler an andere Clients weitergibt.</translation>
    </message>
    <message>
        <source>A subscription belongs to the server connection. In transaction mode that connection returns to the pool after the statement, so notifications are delivered to whichever client holds it at the time, or to nobody, and the listener never receives them.</source>
        <translation>Ein Abonnement gehört zur Serververbindung. Im Transaktionsmodus geht diese Verbindung nach der Anweisung zurück in den Pool, sodass Benachrichtigungen an den Client gehen, der sie gerade hält, oder an niemanden, und der Listener sie nie erhält.</translation>
    </message>
    <message>
        <source>Open a dedicated direct (or session-mode) connection for LISTEN and keep it open; NOTIFY and pg_notify may keep going through the pooler.</source>
        <translation>Für LISTEN eine eigene direkte Verbindung (oder eine im Sitzungsmodus) öffnen und offen halten; NOTIFY und pg_notify können weiter über den Pooler laufen.</translation>
    </message>
    <message>
        <source>UNLISTEN through a transaction pooler</source>
        <translation>UNLISTEN über einen Transaktions-Pooler</translation>
    </message>
    <message>
        <source>UNLISTEN acts on whichever server connection the pooler picked.</source>
        <translation>UNLISTEN wirkt auf die Serververbindung, die der Pooler gerade ausgewählt hat.</translation>
    </message>
    <message>
        <source>UNLISTEN only makes sense on the connection that ran LISTEN. Through a transaction pooler it usually runs elsewhere and leaves the subscription in place.</source>
        <translation>UNLISTEN ist nur auf der Verbindung sinnvoll, die LISTEN ausgeführt hat. Über einen Transaktions-Pooler läuft es meist woanders und lässt das Abonnement bestehen.</translation>
    </message>
    <message>
        <source>Run LISTEN and UNLISTEN on the same dedicated direct connection.</source>
        <translation>LISTEN und UNLISTEN auf derselben eigenen direkten Verbindung ausführen.</translation>
    </message>
    <message>
        <source>Session advisory lock</source>
        <translation>Advisory Lock auf Sitzungsebene</translation>
    </message>
    <message>
        <source>A session advisory lock is held by the server connection, not by your transaction.</source>
        <translation>Ein Advisory Lock auf Sitzungsebene wird von der Serververbindung gehalten, nicht von Ihrer Transaktion.</translation>
    </message>
    <message>
        <source>pg_advisory_lock and its try and shared forms keep the lock until it is released on the same server connection or the session ends. Behind a transaction pooler the unlock usually runs on another connection and fails with a warning, while the lock stays held by a connection other clients now use, so jobs block or run twice.</source>
        <translation>pg_advisory_lock und seine try- und shared-Varianten halten den Lock, bis er auf derselben Serververbindung freigegeben wird oder die Sitzung endet. Hinter einem Transaktions-Pooler läuft die Freigabe meist auf einer anderen Verbindung und scheitert mit einer Warnung, während der Lock von einer Verbindung gehalten bleibt, die jetzt andere Clients nutzen – Jobs blockieren oder laufen doppelt.</translation>
    </message>
    <message>
        <source>Use pg_advisory_xact_lock (or pg_try_advisory_xact_lock) inside a transaction; the lock is released at commit or rollback. For locks that must outlive a transaction, use a dedicated direct connection.</source>
        <translation>pg_advisory_xact_lock (oder pg_try_advisory_xact_lock) innerhalb einer Transaktion verwenden; der Lock wird bei Commit oder Rollback freigegeben. Für Locks, die eine Transaktion überdauern müssen, eine eigene direkte Verbindung verwenden.</translation>
    </message>
    <message>
        <source>SQL-level PREPARE, EXECUTE or DEALLOCATE</source>
        <translation>PREPARE, EXECUTE oder DEALLOCATE auf SQL-Ebene</translation>
    </message>
    <message>
        <source>SQL PREPARE creates a statement on one server connection; EXECUTE may run on another.</source>
        <translation>SQL-PREPARE legt eine Anweisung auf einer Serververbindung an; EXECUTE läuft womöglich auf einer anderen.</translation>
    </message>
    <message>
        <source>Poolers that track prepared statements only track the protocol-level messages. SQL PREPARE, EXECUTE and DEALLOCATE pass straight through, so the statement exists on one server connection while the next transaction runs on another.</source>
        <translation>Pooler, die vorbereitete Anweisungen verfolgen, verfolgen nur die Nachrichten auf Protokollebene. SQL-PREPARE, -EXECUTE und -DEALLOCATE werden direkt durchgereicht, sodass die Anweisung auf einer Serververbindung existiert, während die nächste Transaktion auf einer anderen läuft.</translation>
    </message>
    <message>
        <source>Let the driver prepare at protocol level (and keep the pooler&apos;s prepared-statement tracking on), or send the full statement each time with parameters.</source>
        <translation>Den Treiber auf Protokollebene vorbereiten lassen (und die Verfolgung vorbereiteter Anweisungen im Pooler eingeschaltet lassen) oder jedes Mal die vollständige Anweisung mit Parametern senden.</translation>
    </message>
    <message>
        <source>DEALLOCATE ALL or DISCARD ALL</source>
        <translation>DEALLOCATE ALL oder DISCARD ALL</translation>
    </message>
    <message>
        <source>Resets every prepared statement or the whole session on the shared server connection.</source>
        <translation>Setzt alle vorbereiteten Anweisungen oder die ganze Sitzung auf der gemeinsam genutzten Serververbindung zurück.</translation>
    </message>
    <message>
        <source>PgBouncer 1.22 and later, with prepared-statement tracking on, intercepts DEALLOCATE ALL and DISCARD ALL and clears only the client&apos;s own statements. Older versions and other poolers pass them to the server connection, where they also remove what other clients prepared.</source>
        <translation>PgBouncer 1.22 und neuer fängt bei eingeschalteter Verfolgung vorbereiteter Anweisungen DEALLOCATE ALL und DISCARD ALL ab und löscht nur die eigenen Anweisungen des Clients. Ältere Versionen und andere Pooler reichen sie an die Serververbindung weiter, wo sie auch entfernen, was andere Clients vorbereitet haben.</translation>
    </message>
    <message>
        <source>On a pooler that does not handle them, remove these statements: the pooler resets server connections itself.</source>
        <translation>Auf einem Pooler, der sie nicht behandelt, diese Anweisungen entfernen: Der Pooler setzt Serververbindungen selbst zurück.</translation>
    </message>
    <message>
        <source>DISCARD PLANS, SEQUENCES or TEMP</source>
        <translation>DISCARD PLANS, SEQUENCES oder TEMP</translation>
    </message>
    <message>
        <source>DISCARD resets part of the shared server connection&apos;s state.</source>
        <translation>DISCARD setzt einen Teil des Zustands der gemeinsam genutzten Serververbindung zurück.</translation>
    </message>
    <message>
        <source>A partial DISCARD affects the server connection rather than the client, and the client&apos;s next transaction may run elsewhere.</source>
        <translation>Ein teilweises DISCARD betrifft die Serververbindung statt des Clients, und die nächste Transaktion des Clients läuft womöglich woanders.</translation>
    </message>
    <message>
        <source>Usually nothing is needed behind a pooler; remove the statement or run it on a dedicated connection.</source>
        <translation>Hinter einem Pooler ist meist nichts nötig; die Anweisung entfernen oder auf einer eigenen Verbindung ausführen.</translation>
    </message>
    <message>
        <source>Cursor WITH HOLD</source>
        <translation>Cursor WITH HOLD</translation>
    </message>
    <message>
        <source>A holdable cursor outlives the transaction on its server connection.</source>
        <translation>Ein haltbarer Cursor überdauert die Transaktion auf seiner Serververbindung.</translation>
    </message>
    <message>
        <source>DECLARE … WITH HOLD keeps the cursor open after commit. Later FETCH statements in other transactions are routed by the pooler to other server connections, where the cursor does not exist, while the materialised cursor stays open on the original one.</source>
        <translation>DECLARE … WITH HOLD hält den Cursor nach dem Commit offen. Spätere FETCH-Anweisungen in anderen Transaktionen leitet der Pooler an andere Serververbindungen, auf denen der Cursor nicht existiert, während der materialisierte Cursor auf der ursprünglichen offen bleibt.</translation>
    </message>
    <message>
        <source>Declare the cursor WITHOUT HOLD and fetch inside one transaction, or page with keyset pagination (WHERE id &gt; $1 ORDER BY id LIMIT n).</source>
        <translation>Den Cursor WITHOUT HOLD deklarieren und innerhalb einer Transaktion abrufen oder mit Keyset-Paginierung blättern (WHERE id &gt; $1 ORDER BY id LIMIT n).</translation>
    </message>
    <message>
        <source>Temporary object that outlives the transaction</source>
        <translation>Temporäres Objekt, das die Transaktion überdauert</translation>
    </message>
    <message>
        <source>A temporary table, view or sequence without ON COMMIT DROP lives on the server connection.</source>
        <translation>Eine temporäre Tabelle, Sicht oder Sequenz ohne ON COMMIT DROP lebt auf der Serververbindung.</translation>
    </message>
    <message>
        <source>Temporary objects belong to the session. Behind a transaction pooler they stay on a server connection other clients use: later transactions of yours may not see them, other clients may, and the next CREATE on the same connection fails with &quot;already exists&quot;.</source>
        <translation>Temporäre Objekte gehören zur Sitzung. Hinter einem Transaktions-Pooler bleiben sie auf einer Serververbindung, die andere Clients nutzen: Ihre späteren Transaktionen sehen sie womöglich nicht, andere Clients womöglich schon, und das nächste CREATE auf derselben Verbindung scheitert mit „already exists“.</translation>
    </message>
    <message>
        <source>Create temporary tables with ON COMMIT DROP inside the transaction that uses them.</source>
        <translation>Temporäre Tabellen mit ON COMMIT DROP innerhalb der Transaktion anlegen, die sie verwendet.</translation>
    </message>
    <message>
        <source>Temporary table with ON COMMIT DROP</source>
        <translation>Temporäre Tabelle mit ON COMMIT DROP</translation>
    </message>
    <message>
        <source>A temporary table dropped at commit leaves no session state.</source>
        <translation>Eine temporäre Tabelle, die beim Commit gelöscht wird, hinterlässt keinen Sitzungszustand.</translation>
    </message>
    <message>
        <source>ON COMMIT DROP ends the table with the transaction, which transaction pooling preserves. Only poolers that pin on temporary objects (RDS Proxy) react to it.</source>
        <translation>ON COMMIT DROP beendet die Tabelle mit der Transaktion, was beim Transaktionspooling erhalten bleibt. Nur Pooler, die bei temporären Objekten pinnen (RDS Proxy), reagieren darauf.</translation>
    </message>
    <message>
        <source>Nothing on most poolers. On RDS Proxy, expect the client to be pinned while the table exists.</source>
        <translation>Auf den meisten Poolern nichts. Bei RDS Proxy damit rechnen, dass der Client gepinnt ist, solange die Tabelle existiert.</translation>
    </message>
    <message>
        <source>LOAD</source>
        <translation>LOAD</translation>
    </message>
    <message>
        <source>LOAD loads a library into one server connection for the rest of its session.</source>
        <translation>LOAD lädt eine Bibliothek für den Rest ihrer Sitzung in eine Serververbindung.</translation>
    </message>
    <message>
        <source>The library (auto_explain, for example) is loaded into whichever server connection ran the statement, and stays there for other clients, while your next transaction may run on a connection without it.</source>
        <translation>Die Bibliothek (zum Beispiel auto_explain) wird in die Serververbindung geladen, die die Anweisung ausgeführt hat, und bleibt dort für andere Clients, während Ihre nächste Transaktion womöglich auf einer Verbindung ohne sie läuft.</translation>
    </message>
    <message>
        <source>Load the library for every connection with session_preload_libraries in the server or role configuration.</source>
        <translation>Die Bibliothek für jede Verbindung mit session_preload_libraries in der Server- oder Rollenkonfiguration laden.</translation>
    </message>
    <message>
        <source>currval or lastval</source>
        <translation>currval oder lastval</translation>
    </message>
    <message>
        <source>currval and lastval read a value the session remembers from an earlier nextval.</source>
        <translation>currval und lastval lesen einen Wert, den sich die Sitzung von einem früheren nextval gemerkt hat.</translation>
    </message>
    <message>
        <source>They work in the transaction that called nextval. Called in a later transaction, they run on another server connection and fail or return another client&apos;s value.</source>
        <translation>Sie funktionieren in der Transaktion, die nextval aufgerufen hat. In einer späteren Transaktion aufgerufen, laufen sie auf einer anderen Serververbindung und scheitern oder liefern den Wert eines anderen Clients.</translation>
    </message>
    <message>
        <source>Use INSERT … RETURNING id, or call nextval and currval in the same transaction.</source>
        <translation>INSERT … RETURNING id verwenden oder nextval und currval in derselben Transaktion aufrufen.</translation>
    </message>
    <message>
        <source>Suppression without a reason</source>
        <translation>Unterdrückung ohne Begründung</translation>
    </message>
    <message>
        <source>A poolproof-ignore comment must say why the finding does not apply.</source>
        <translation>Ein poolproof-ignore-Kommentar muss sagen, warum der Befund nicht zutrifft.</translation>
    </message>
    <message>
        <source>A suppression hides a finding from the report. Without a reason a reviewer cannot tell a deliberate exception from a silenced problem, so the suppressed finding is kept and this finding is added.</source>
        <translation>Eine Unterdrückung blendet einen Befund im Bericht aus. Ohne Begründung kann ein Reviewer eine bewusste Ausnahme nicht von einem zum Schweigen gebrachten Problem unterscheiden, daher bleibt der unterdrückte Befund erhalten, und dieser Befund kommt hinzu.</translation>
    </message>
    <message>
        <source>Write the reason after the rule id: poolproof-ignore PB101: runs on the dedicated direct connection.</source>
        <translation>Die Begründung hinter die Regel-ID schreiben: poolproof-ignore PB101: runs on the dedicated direct connection.</translation>
    </message>
    <message>
        <source>Suppression of an unknown rule</source>
        <translation>Unterdrückung einer unbekannten Regel</translation>
    </message>
    <message>
        <source>A poolproof-ignore comment names a rule PoolProof does not have.</source>
        <translation>Ein poolproof-ignore-Kommentar nennt eine Regel, die PoolProof nicht hat.</translation>
    </message>
    <message>
        <source>A typo in the rule id suppresses nothing, so the finding it was meant for is still reported, and the comment misleads readers.</source>
        <translation>Ein Tippfehler in der Regel-ID unterdrückt nichts, sodass der gemeinte Befund weiterhin gemeldet wird, und der Kommentar führt Leser in die Irre.</translation>
    </message>
    <message>
        <source>Use the rule id shown in the finding, e.g. PB120.</source>
        <translation>Die im Befund angezeigte Regel-ID verwenden, z. B. PB120.</translation>
    </message>
    <message>
        <source>PgBouncer 1.24 or later</source>
        <translation>PgBouncer 1.24 oder neuer</translation>
    </message>
    <message>
        <source>Transaction mode with max_prepared_statements at its default of 200: protocol-level named prepared statements are tracked, DEALLOCATE ALL and DISCARD ALL are understood, and the startup parameters it tracks are restored per client.</source>
        <translation>Transaktionsmodus mit max_prepared_statements auf dem Standardwert 200: Benannte vorbereitete Anweisungen auf Protokollebene werden verfolgt, DEALLOCATE ALL und DISCARD ALL werden verstanden, und die verfolgten Startparameter werden pro Client wiederhergestellt.</translation>
    </message>
    <message>
        <source>PgBouncer 1.21–1.23 with max_prepared_statements</source>
        <translation>PgBouncer 1.21–1.23 mit max_prepared_statements</translation>
    </message>
    <message>
        <source>Transaction mode with max_prepared_statements set above 0: named prepared statements are tracked; DEALLOCATE ALL and DISCARD ALL are understood from 1.22 on.</source>
        <translation>Transaktionsmodus mit max_prepared_statements über 0: Benannte vorbereitete Anweisungen werden verfolgt; DEALLOCATE ALL und DISCARD ALL werden ab 1.22 verstanden.</translation>
    </message>
    <message>
        <source>PgBouncer 1.21–1.23 without max_prepared_statements</source>
        <translation>PgBouncer 1.21–1.23 ohne max_prepared_statements</translation>
    </message>
    <message>
        <source>Transaction mode with max_prepared_statements at its old default of 0: named prepared statements are not tracked and break.</source>
        <translation>Transaktionsmodus mit max_prepared_statements auf dem alten Standardwert 0: Benannte vorbereitete Anweisungen werden nicht verfolgt und brechen.</translation>
    </message>
    <message>
        <source>PgBouncer before 1.21</source>
        <translation>PgBouncer vor 1.21</translation>
    </message>
    <message>
        <source>Transaction mode without any prepared-statement support; before 1.20 IntervalStyle is not tracked either.</source>
        <translation>Transaktionsmodus ganz ohne Unterstützung vorbereiteter Anweisungen; vor 1.20 wird auch IntervalStyle nicht verfolgt.</translation>
    </message>
    <message>
        <source>Supavisor</source>
        <translation>Supavisor</translation>
    </message>
    <message>
        <source>Supabase&apos;s pooler in transaction mode (port 6543): named prepared statements are off unless the named_prepared_statements feature flag is on; SET, LISTEN, advisory locks and session temp tables break.</source>
        <translation>Der Pooler von Supabase im Transaktionsmodus (Port 6543): Benannte vorbereitete Anweisungen sind aus, sofern das Feature-Flag named_prepared_statements nicht eingeschaltet ist; SET, LISTEN, Advisory Locks und temporäre Tabellen auf Sitzungsebene brechen.</translation>
    </message>
    <message>
        <source>PgCat</source>
        <translation>PgCat</translation>
    </message>
    <message>
        <source>PgCat in transaction mode with its defaults: prepared_statements_cache_size is 0, and session state set outside a transaction is reset when the connection returns to the pool, so the client silently loses it.</source>
        <translation>PgCat im Transaktionsmodus mit seinen Standardwerten: prepared_statements_cache_size ist 0, und außerhalb einer Transaktion gesetzter Sitzungszustand wird zurückgesetzt, wenn die Verbindung in den Pool zurückgeht, sodass der Client ihn stillschweigend verliert.</translation>
    </message>
    <message>
        <source>Odyssey</source>
        <translation>Odyssey</translation>
    </message>
    <message>
        <source>Odyssey in transaction mode with pool_reserve_prepared_statement on (its default): prepared statements survive; session variables and temporary tables do not.</source>
        <translation>Odyssey im Transaktionsmodus mit eingeschaltetem pool_reserve_prepared_statement (seinem Standard): Vorbereitete Anweisungen überleben; Sitzungsvariablen und temporäre Tabellen nicht.</translation>
    </message>
    <message>
        <source>AWS RDS Proxy</source>
        <translation>AWS RDS Proxy</translation>
    </message>
    <message>
        <source>RDS Proxy does not break session state: it pins the client to one database connection, and multiplexing is lost for that client until it disconnects.</source>
        <translation>RDS Proxy zerstört keinen Sitzungszustand: Er pinnt den Client an eine Datenbankverbindung, und für diesen Client geht das Multiplexing verloren, bis er die Verbindung trennt.</translation>
    </message>
    <message>
        <source>Azure Database for PostgreSQL built-in PgBouncer</source>
        <translation>In Azure Database for PostgreSQL integrierter PgBouncer</translation>
    </message>
    <message>
        <source>The PgBouncer built into Azure Flexible Server (port 6432, same host): pgbouncer.max_prepared_statements defaults to 0 there, so named prepared statements break unless it is raised.</source>
        <translation>Der in Azure Flexible Server integrierte PgBouncer (Port 6432, derselbe Host): pgbouncer.max_prepared_statements ist dort standardmäßig 0, sodass benannte vorbereitete Anweisungen brechen, sofern der Wert nicht erhöht wird.</translation>
    </message>
    <message>
        <source>Neon pooled connection</source>
        <translation>Neon-Verbindung über den Pooler</translation>
    </message>
    <message>
        <source>Neon&apos;s -pooler host names run PgBouncer in transaction mode with prepared-statement tracking enabled.</source>
        <translation>Die -pooler-Hostnamen von Neon betreiben PgBouncer im Transaktionsmodus mit eingeschalteter Verfolgung vorbereiteter Anweisungen.</translation>
    </message>
    <message>
        <source>postgres.js prepares every query</source>
        <translation>postgres.js bereitet jede Abfrage vor</translation>
    </message>
    <message>
        <source>postgres.js is created without prepare: false, so it runs its queries as named prepared statements.</source>
        <translation>postgres.js wird ohne prepare: false angelegt und führt seine Abfragen daher als benannte vorbereitete Anweisungen aus.</translation>
    </message>
    <message>
        <source>postgres.js prepares each query under a generated name and reuses the name on the same connection (prepare: true is its default; Drizzle&apos;s postgres-js driver inherits it). Behind a transaction pooler the next execution can run on a server connection that never saw the statement, or that already has one of the same name. PgBouncer 1.21 or later with max_prepared_statements above 0 (the default from 1.24) tracks these statements; Supavisor, PgCat, Azure&apos;s PgBouncer and older PgBouncer do not by default.</source>
        <translation>postgres.js bereitet jede Abfrage unter einem generierten Namen vor und verwendet den Namen auf derselben Verbindung wieder (prepare: true ist sein Standard; der postgres-js-Treiber von Drizzle erbt ihn). Hinter einem Transaktions-Pooler kann die nächste Ausführung auf einer Serververbindung laufen, die die Anweisung nie gesehen hat oder die bereits eine gleichnamige hat. PgBouncer 1.21 oder neuer mit max_prepared_statements über 0 (Standard ab 1.24) verfolgt diese Anweisungen; Supavisor, PgCat, der PgBouncer von Azure und ältere PgBouncer-Versionen tun das standardmäßig nicht.</translation>
    </message>
    <message>
        <source>Pass { prepare: false } to postgres() wherever it connects through such a pooler: postgres(url, { prepare: false }).</source>
        <translation>{ prepare: false } an postgres() übergeben, wo immer es sich über einen solchen Pooler verbindet: postgres(url, { prepare: false }).</translation>
    </message>
    <message>
        <source>Prisma URL to the pooler without pgbouncer=true</source>
        <translation>Prisma-URL zum Pooler ohne pgbouncer=true</translation>
    </message>
    <message>
        <source>A pooled connection string read by Prisma 6 or earlier lacks pgbouncer=true.</source>
        <translation>Einer gepoolten Verbindungszeichenfolge, die Prisma 6 oder älter liest, fehlt pgbouncer=true.</translation>
    </message>
    <message>
        <source>Prisma&apos;s query engine up to version 6 names its prepared statements (s0, s1, …) on each connection. Through a transaction pooler that does not track prepared statements, the names collide on shared server connections. pgbouncer=true makes Prisma avoid named statements. Prisma recommends leaving it out with PgBouncer 1.21 or later when prepared-statement tracking is on; Supavisor honours it and needs it unless its named_prepared_statements flag is set. Prisma 7 reads through driver adapters and does not use the flag.</source>
        <translation>Die Query Engine von Prisma bis Version 6 benennt ihre vorbereiteten Anweisungen (s0, s1, …) auf jeder Verbindung. Über einen Transaktions-Pooler, der vorbereitete Anweisungen nicht verfolgt, kollidieren die Namen auf gemeinsam genutzten Serververbindungen. pgbouncer=true lässt Prisma benannte Anweisungen vermeiden. Prisma empfiehlt, den Parameter bei PgBouncer 1.21 oder neuer wegzulassen, wenn die Verfolgung vorbereiteter Anweisungen eingeschaltet ist; Supavisor beachtet ihn und braucht ihn, sofern sein Flag named_prepared_statements nicht gesetzt ist. Prisma 7 liest über Driver Adapter und verwendet das Flag nicht.</translation>
    </message>
    <message>
        <source>Append pgbouncer=true to the pooled URL (postgresql://…:6543/db?pgbouncer=true) for poolers without prepared-statement tracking.</source>
        <translation>Für Pooler ohne Verfolgung vorbereiteter Anweisungen pgbouncer=true an die gepoolte URL anhängen (postgresql://…:6543/db?pgbouncer=true).</translation>
    </message>
    <message>
        <source>asyncpg statement cache</source>
        <translation>Anweisungscache von asyncpg</translation>
    </message>
    <message>
        <source>asyncpg.connect() or create_pool() keeps its statement cache, so every query becomes a named prepared statement.</source>
        <translation>asyncpg.connect() oder create_pool() behält seinen Anweisungscache, sodass jede Abfrage zu einer benannten vorbereiteten Anweisung wird.</translation>
    </message>
    <message>
        <source>asyncpg prepares each query as __asyncpg_stmt_N__ and caches up to 100 of them per connection (statement_cache_size). Behind a transaction pooler without prepared-statement tracking the cached names are missing or taken on the server connection that runs the next query; asyncpg&apos;s own error message then mentions pgbouncer.</source>
        <translation>asyncpg bereitet jede Abfrage als __asyncpg_stmt_N__ vor und speichert bis zu 100 davon pro Verbindung im Cache (statement_cache_size). Hinter einem Transaktions-Pooler ohne Verfolgung vorbereiteter Anweisungen fehlen die gecachten Namen auf der Serververbindung, die die nächste Abfrage ausführt, oder sind dort schon vergeben; die Fehlermeldung von asyncpg erwähnt dann selbst pgbouncer.</translation>
    </message>
    <message>
        <source>Pass statement_cache_size=0 to asyncpg.connect() / asyncpg.create_pool() for poolers without prepared-statement tracking.</source>
        <translation>Für Pooler ohne Verfolgung vorbereiteter Anweisungen statement_cache_size=0 an asyncpg.connect() / asyncpg.create_pool() übergeben.</translation>
    </message>
    <message>
        <source>SQLAlchemy over asyncpg keeps prepared statements</source>
        <translation>SQLAlchemy über asyncpg behält vorbereitete Anweisungen</translation>
    </message>
    <message>
        <source>create_async_engine() for asyncpg is created without turning off both statement caches and without NullPool.</source>
        <translation>create_async_engine() für asyncpg wird angelegt, ohne beide Anweisungscaches auszuschalten und ohne NullPool.</translation>
    </message>
    <message>
        <source>SQLAlchemy&apos;s asyncpg dialect caches prepared statements per connection (prepared_statement_cache_size, 100) on top of asyncpg&apos;s own cache (statement_cache_size), and it still calls prepare() when they are off. Behind a transaction pooler without prepared-statement tracking these named statements land on the wrong server connections. SQLAlchemy&apos;s documentation for PgBouncer also asks for NullPool, so that its own pool does not keep connections whose statements the pooler has moved; from SQLAlchemy 2.0.10 prepared_statement_name_func can give the statements unique names.</source>
        <translation>Der asyncpg-Dialekt von SQLAlchemy speichert vorbereitete Anweisungen pro Verbindung im Cache (prepared_statement_cache_size, 100), zusätzlich zum eigenen Cache von asyncpg (statement_cache_size), und ruft prepare() auch dann auf, wenn beide aus sind. Hinter einem Transaktions-Pooler ohne Verfolgung vorbereiteter Anweisungen landen diese benannten Anweisungen auf den falschen Serververbindungen. Die SQLAlchemy-Dokumentation zu PgBouncer verlangt außerdem NullPool, damit der eigene Pool keine Verbindungen hält, deren Anweisungen der Pooler verschoben hat; ab SQLAlchemy 2.0.10 kann prepared_statement_name_func den Anweisungen eindeutige Namen geben.</translation>
    </message>
    <message>
        <source>create_async_engine(url, poolclass=NullPool, connect_args={&quot;statement_cache_size&quot;: 0, &quot;prepared_statement_cache_size&quot;: 0}).</source>
        <translation>create_async_engine(url, poolclass=NullPool, connect_args={&quot;statement_cache_size&quot;: 0, &quot;prepared_statement_cache_size&quot;: 0}).</translation>
    </message>
    <message>
        <source>psycopg 3 automatic prepare</source>
        <translation>Automatisches Prepare in psycopg 3</translation>
    </message>
    <message>
        <source>psycopg 3 connects with its default prepare_threshold, so queries run often enough become named prepared statements.</source>
        <translation>psycopg 3 verbindet sich mit seinem Standardwert für prepare_threshold, sodass oft genug ausgeführte Abfragen zu benannten vorbereiteten Anweisungen werden.</translation>
    </message>
    <message>
        <source>psycopg 3 prepares a query on the server (_pg3_0, _pg3_1, …) once it has run prepare_threshold times (5 by default). Behind a transaction pooler without prepared-statement tracking the statement is missing on the next server connection. psycopg 3.2 works with PgBouncer 1.22 or later and max_prepared_statements above 0 only when the client&apos;s libpq is 17 or later; with an older libpq also set prepared_max=None.</source>
        <translation>psycopg 3 bereitet eine Abfrage auf dem Server vor (_pg3_0, _pg3_1, …), sobald sie prepare_threshold-mal gelaufen ist (standardmäßig 5). Hinter einem Transaktions-Pooler ohne Verfolgung vorbereiteter Anweisungen fehlt die Anweisung auf der nächsten Serververbindung. psycopg 3.2 funktioniert mit PgBouncer 1.22 oder neuer und max_prepared_statements über 0 nur, wenn die libpq des Clients 17 oder neuer ist; mit einer älteren libpq zusätzlich prepared_max=None setzen.</translation>
    </message>
    <message>
        <source>Pass prepare_threshold=None to psycopg.connect() (for a pool: kwargs={&quot;prepare_threshold&quot;: None}).</source>
        <translation>prepare_threshold=None an psycopg.connect() übergeben (für einen Pool: kwargs={&quot;prepare_threshold&quot;: None}).</translation>
    </message>
    <message>
        <source>Django server-side cursors with .iterator()</source>
        <translation>Serverseitige Cursor in Django mit .iterator()</translation>
    </message>
    <message>
        <source>The project uses QuerySet.iterator() on PostgreSQL without DISABLE_SERVER_SIDE_CURSORS.</source>
        <translation>Das Projekt verwendet QuerySet.iterator() mit PostgreSQL ohne DISABLE_SERVER_SIDE_CURSORS.</translation>
    </message>
    <message>
        <source>Outside a transaction Django runs .iterator() through a named server-side cursor declared WITH HOLD, and fetches from it in later round trips. A transaction pooler hands those fetches to other server connections, where the cursor does not exist, and the held cursor stays open on the first connection.</source>
        <translation>Außerhalb einer Transaktion führt Django .iterator() über einen benannten serverseitigen Cursor aus, der WITH HOLD deklariert ist, und liest in späteren Roundtrips daraus. Ein Transaktions-Pooler gibt diese Abrufe an andere Serververbindungen, auf denen der Cursor nicht existiert, und der gehaltene Cursor bleibt auf der ersten Verbindung offen.</translation>
    </message>
    <message>
        <source>Set &quot;DISABLE_SERVER_SIDE_CURSORS&quot;: True in the database&apos;s settings (Django: transaction pooling and server-side cursors), or run the iteration inside transaction.atomic().</source>
        <translation>&quot;DISABLE_SERVER_SIDE_CURSORS&quot;: True in den Einstellungen der Datenbank setzen (Django: „Transaction pooling and server-side cursors“) oder die Iteration innerhalb von transaction.atomic() ausführen.</translation>
    </message>
    <message>
        <source>Rails prepared statements</source>
        <translation>Vorbereitete Anweisungen in Rails</translation>
    </message>
    <message>
        <source>database.yml configures PostgreSQL without prepared_statements: false.</source>
        <translation>database.yml konfiguriert PostgreSQL ohne prepared_statements: false.</translation>
    </message>
    <message>
        <source>Active Record prepares its queries as named statements (a1, a2, …, up to statement_limit per connection). Behind a transaction pooler without prepared-statement tracking they are missing or duplicated on the server connection that runs the next query. The setting can also be given in the URL (?prepared_statements=false).</source>
        <translation>Active Record bereitet seine Abfragen als benannte Anweisungen vor (a1, a2, …, bis zu statement_limit pro Verbindung). Hinter einem Transaktions-Pooler ohne Verfolgung vorbereiteter Anweisungen fehlen sie auf der Serververbindung, die die nächste Abfrage ausführt, oder sind dort doppelt vorhanden. Die Einstellung kann auch in der URL angegeben werden (?prepared_statements=false).</translation>
    </message>
    <message>
        <source>Add prepared_statements: false to the database&apos;s entry in database.yml (or ?prepared_statements=false to DATABASE_URL).</source>
        <translation>prepared_statements: false zum Eintrag der Datenbank in database.yml hinzufügen (oder ?prepared_statements=false zu DATABASE_URL).</translation>
    </message>
    <message>
        <source>pgx caches prepared statements</source>
        <translation>pgx speichert vorbereitete Anweisungen im Cache</translation>
    </message>
    <message>
        <source>pgx v5 connects in its default query exec mode, which prepares and caches every query as a named statement.</source>
        <translation>pgx v5 verbindet sich in seinem Standard-Ausführungsmodus, der jede Abfrage als benannte Anweisung vorbereitet und im Cache speichert.</translation>
    </message>
    <message>
        <source>pgx v5&apos;s default mode, cache_statement, prepares each query under a generated name and keeps up to statement_cache_capacity (512) of them per connection. PgBouncer 1.21 or later with max_prepared_statements above 0 (the default from 1.24) tracks these statements, so the default is fine there. Supavisor by default, PgCat, Azure&apos;s PgBouncer and PgBouncer without prepared-statement tracking do not, and the cached names are missing or taken on the next server connection.</source>
        <translation>Der Standardmodus von pgx v5, cache_statement, bereitet jede Abfrage unter einem generierten Namen vor und behält bis zu statement_cache_capacity (512) davon pro Verbindung. PgBouncer 1.21 oder neuer mit max_prepared_statements über 0 (Standard ab 1.24) verfolgt diese Anweisungen, dort ist der Standard also in Ordnung. Supavisor in der Standardeinstellung, PgCat, der PgBouncer von Azure und PgBouncer ohne Verfolgung vorbereiteter Anweisungen tun das nicht, und die gecachten Namen fehlen auf der nächsten Serververbindung oder sind dort schon vergeben.</translation>
    </message>
    <message>
        <source>Set default_query_exec_mode=exec in the connection string (or ConnConfig.DefaultQueryExecMode = pgx.QueryExecModeExec); cache_describe and simple_protocol also work. Never describe_exec.</source>
        <translation>default_query_exec_mode=exec in der Verbindungszeichenfolge setzen (oder ConnConfig.DefaultQueryExecMode = pgx.QueryExecModeExec); cache_describe und simple_protocol funktionieren ebenfalls. Niemals describe_exec.</translation>
    </message>
    <message>
        <source>pgx describe_exec mode</source>
        <translation>describe_exec-Modus von pgx</translation>
    </message>
    <message>
        <source>pgx is set to the describe_exec query exec mode, which is never safe behind a transaction pooler.</source>
        <translation>pgx ist auf den Ausführungsmodus describe_exec eingestellt, der hinter einem Transaktions-Pooler nie sicher ist.</translation>
    </message>
    <message>
        <source>In describe_exec mode pgx prepares an unnamed statement to describe it and executes it in a second round trip. A transaction pooler can send the two round trips to different server connections, whatever it knows about named prepared statements.</source>
        <translation>Im Modus describe_exec bereitet pgx eine unbenannte Anweisung vor, um sie zu beschreiben, und führt sie in einem zweiten Roundtrip aus. Ein Transaktions-Pooler kann die beiden Roundtrips an verschiedene Serververbindungen senden, ganz gleich, was er über benannte vorbereitete Anweisungen weiß.</translation>
    </message>
    <message>
        <source>Use default_query_exec_mode=exec (or cache_describe, simple_protocol) instead.</source>
        <translation>Stattdessen default_query_exec_mode=exec (oder cache_describe, simple_protocol) verwenden.</translation>
    </message>
    <message>
        <source>lib/pq without binary_parameters</source>
        <translation>lib/pq ohne binary_parameters</translation>
    </message>
    <message>
        <source>lib/pq is opened without binary_parameters=yes, so each query with parameters is parsed and bound in separate round trips.</source>
        <translation>lib/pq wird ohne binary_parameters=yes geöffnet, sodass jede Abfrage mit Parametern in getrennten Roundtrips geparst und gebunden wird.</translation>
    </message>
    <message>
        <source>For db.Query(sql, args…) lib/pq sends Parse, Describe and Sync for an unnamed statement, then Bind and Execute. Outside a transaction a transaction pooler may run the second half on another server connection, where the unnamed statement does not exist. binary_parameters=yes lets lib/pq skip the extra Sync. Recent lib/pq versions are reported to have fixed this.</source>
        <translation>Für db.Query(sql, args…) sendet lib/pq Parse, Describe und Sync für eine unbenannte Anweisung, danach Bind und Execute. Außerhalb einer Transaktion kann ein Transaktions-Pooler die zweite Hälfte auf einer anderen Serververbindung ausführen, auf der die unbenannte Anweisung nicht existiert. Mit binary_parameters=yes lässt lib/pq das zusätzliche Sync weg. Neuere lib/pq-Versionen sollen dies behoben haben.</translation>
    </message>
    <message>
        <source>Add binary_parameters=yes to the connection string, or move to pgx with default_query_exec_mode=exec.</source>
        <translation>binary_parameters=yes zur Verbindungszeichenfolge hinzufügen oder zu pgx mit default_query_exec_mode=exec wechseln.</translation>
    </message>
    <message>
        <source>JDBC URL without prepareThreshold=0</source>
        <translation>JDBC-URL ohne prepareThreshold=0</translation>
    </message>
    <message>
        <source>A PostgreSQL JDBC URL keeps pgjdbc&apos;s default prepareThreshold, so repeated statements become named server-side statements.</source>
        <translation>Eine PostgreSQL-JDBC-URL behält den Standardwert von pgjdbc für prepareThreshold, sodass wiederholte Anweisungen zu benannten serverseitigen Anweisungen werden.</translation>
    </message>
    <message>
        <source>pgjdbc switches a PreparedStatement to a named server statement (S_1, S_2, …) after its fifth execution. Behind a transaction pooler without prepared-statement tracking those names are missing or taken on the server connection that runs the next execution. Hibernate and Spring inherit this from the driver.</source>
        <translation>pgjdbc schaltet ein PreparedStatement nach seiner fünften Ausführung auf eine benannte Serveranweisung (S_1, S_2, …) um. Hinter einem Transaktions-Pooler ohne Verfolgung vorbereiteter Anweisungen fehlen diese Namen auf der Serververbindung, die die nächste Ausführung übernimmt, oder sind dort schon vergeben. Hibernate und Spring erben das vom Treiber.</translation>
    </message>
    <message>
        <source>Add prepareThreshold=0 to the JDBC URL (jdbc:postgresql://host:6432/db?prepareThreshold=0), or set it as a data-source property.</source>
        <translation>prepareThreshold=0 zur JDBC-URL hinzufügen (jdbc:postgresql://host:6432/db?prepareThreshold=0) oder als Eigenschaft der Datenquelle setzen.</translation>
    </message>
    <message>
        <source>JDBC fetch size with autocommit off</source>
        <translation>JDBC-Fetch-Size bei ausgeschaltetem Autocommit</translation>
    </message>
    <message>
        <source>A fetch size above 0 makes pgjdbc read results through a named portal and statement inside the transaction.</source>
        <translation>Eine Fetch-Size über 0 lässt pgjdbc Ergebnisse innerhalb der Transaktion über ein benanntes Portal und eine benannte Anweisung lesen.</translation>
    </message>
    <message>
        <source>With autocommit off (every @Transactional method) and a fetch size above 0, pgjdbc reads results in batches through a portal and uses a named statement for it even with prepareThreshold=0. Behind a transaction pooler without prepared-statement tracking the statement is missing on the server connection.</source>
        <translation>Mit ausgeschaltetem Autocommit (jede @Transactional-Methode) und einer Fetch-Size über 0 liest pgjdbc Ergebnisse stapelweise über ein Portal und verwendet dafür selbst mit prepareThreshold=0 eine benannte Anweisung. Hinter einem Transaktions-Pooler ohne Verfolgung vorbereiteter Anweisungen fehlt die Anweisung auf der Serververbindung.</translation>
    </message>
    <message>
        <source>Leave the fetch size at 0 behind such a pooler, or make sure the pooler tracks prepared statements (PgBouncer 1.21 or later with max_prepared_statements above 0).</source>
        <translation>Die Fetch-Size hinter einem solchen Pooler auf 0 lassen oder sicherstellen, dass der Pooler vorbereitete Anweisungen verfolgt (PgBouncer 1.21 oder neuer mit max_prepared_statements über 0).</translation>
    </message>
    <message>
        <source>Npgsql resets connections with DISCARD ALL</source>
        <translation>Npgsql setzt Verbindungen mit DISCARD ALL zurück</translation>
    </message>
    <message>
        <source>An Npgsql connection string keeps Npgsql&apos;s own pooling without No Reset On Close=true.</source>
        <translation>Eine Npgsql-Verbindungszeichenfolge behält das eigene Pooling von Npgsql ohne No Reset On Close=true.</translation>
    </message>
    <message>
        <source>When a pooled connection goes back to Npgsql&apos;s pool it sends DISCARD ALL. Through a transaction pooler that statement reaches whichever server connection the pooler picks, and poolers before PgBouncer 1.22 do not know that it clears their tracked prepared statements.</source>
        <translation>Wenn eine gepoolte Verbindung in den Pool von Npgsql zurückgeht, sendet Npgsql DISCARD ALL. Über einen Transaktions-Pooler erreicht diese Anweisung die Serververbindung, die der Pooler gerade auswählt, und Pooler vor PgBouncer 1.22 wissen nicht, dass sie ihre verfolgten vorbereiteten Anweisungen löscht.</translation>
    </message>
    <message>
        <source>Add No Reset On Close=true to the connection string (or turn Npgsql&apos;s pooling off with Pooling=false when the pooler does all pooling).</source>
        <translation>No Reset On Close=true zur Verbindungszeichenfolge hinzufügen (oder das Pooling von Npgsql mit Pooling=false ausschalten, wenn der Pooler das gesamte Pooling übernimmt).</translation>
    </message>
    <message>
        <source>Npgsql automatic preparation</source>
        <translation>Automatische Vorbereitung in Npgsql</translation>
    </message>
    <message>
        <source>Max Auto Prepare above 0 makes Npgsql prepare frequent queries as persistent named statements.</source>
        <translation>Max Auto Prepare über 0 lässt Npgsql häufige Abfragen als dauerhafte benannte Anweisungen vorbereiten.</translation>
    </message>
    <message>
        <source>With Max Auto Prepare set, Npgsql prepares a query on the server after it has run a few times and keeps the statement for the life of the physical connection. Behind a transaction pooler without prepared-statement tracking the statement is missing on the server connection that runs the next execution.</source>
        <translation>Mit gesetztem Max Auto Prepare bereitet Npgsql eine Abfrage auf dem Server vor, nachdem sie einige Male gelaufen ist, und behält die Anweisung für die Lebensdauer der physischen Verbindung. Hinter einem Transaktions-Pooler ohne Verfolgung vorbereiteter Anweisungen fehlt die Anweisung auf der Serververbindung, die die nächste Ausführung übernimmt.</translation>
    </message>
    <message>
        <source>Remove Max Auto Prepare (its default is 0) behind such a pooler.</source>
        <translation>Max Auto Prepare hinter einem solchen Pooler entfernen (der Standard ist 0).</translation>
    </message>
    <message>
        <source>sqlx statement cache</source>
        <translation>Anweisungscache von sqlx</translation>
    </message>
    <message>
        <source>sqlx connects with its statement cache, so queries run as named prepared statements (sqlx_s_1, …).</source>
        <translation>sqlx verbindet sich mit seinem Anweisungscache, sodass Abfragen als benannte vorbereitete Anweisungen laufen (sqlx_s_1, …).</translation>
    </message>
    <message>
        <source>sqlx prepares each query under a generated name and caches the statements per connection. Behind a transaction pooler without prepared-statement tracking the cached names are missing or taken on the next server connection.</source>
        <translation>sqlx bereitet jede Abfrage unter einem generierten Namen vor und speichert die Anweisungen pro Verbindung im Cache. Hinter einem Transaktions-Pooler ohne Verfolgung vorbereiteter Anweisungen fehlen die gecachten Namen auf der nächsten Serververbindung oder sind dort schon vergeben.</translation>
    </message>
    <message>
        <source>Set statement_cache_capacity(0) on PgConnectOptions and connect the pool with those options (per query: .persistent(false)).</source>
        <translation>statement_cache_capacity(0) in PgConnectOptions setzen und den Pool mit diesen Optionen verbinden (pro Abfrage: .persistent(false)).</translation>
    </message>
    <message>
        <source>tokio-postgres query with a named statement</source>
        <translation>tokio-postgres-Abfrage mit einer benannten Anweisung</translation>
    </message>
    <message>
        <source>tokio-postgres prepares a named statement for every query(), execute() or prepare() with SQL text.</source>
        <translation>tokio-postgres bereitet für jedes query(), execute() oder prepare() mit SQL-Text eine benannte Anweisung vor.</translation>
    </message>
    <message>
        <source>Client::query, execute and their variants prepare the SQL under a generated name (s0, s1, …) before running it, and prepare() keeps it on one connection. Behind a transaction pooler without prepared-statement tracking the name is missing or taken on the server connection that runs it. Prisma&apos;s query engine shows the same errors because it is built on this library.</source>
        <translation>Client::query, execute und ihre Varianten bereiten das SQL unter einem generierten Namen (s0, s1, …) vor, bevor sie es ausführen, und prepare() behält es auf einer Verbindung. Hinter einem Transaktions-Pooler ohne Verfolgung vorbereiteter Anweisungen fehlt der Name auf der Serververbindung, die die Anweisung ausführt, oder ist dort schon vergeben. Die Query Engine von Prisma zeigt dieselben Fehler, weil sie auf dieser Bibliothek aufbaut.</translation>
    </message>
    <message>
        <source>Use simple_query or batch_execute for SQL without parameters, query_typed for queries with parameters (an unnamed statement), or a pooler that tracks prepared statements.</source>
        <translation>simple_query oder batch_execute für SQL ohne Parameter verwenden, query_typed für Abfragen mit Parametern (eine unbenannte Anweisung) oder einen Pooler, der vorbereitete Anweisungen verfolgt.</translation>
    </message>
    <message>
        <source>diesel statement cache</source>
        <translation>Anweisungscache von diesel</translation>
    </message>
    <message>
        <source>A diesel PgConnection keeps its prepared-statement cache behind the pooler.</source>
        <translation>Eine diesel-PgConnection behält hinter dem Pooler ihren Cache für vorbereitete Anweisungen.</translation>
    </message>
    <message>
        <source>diesel caches prepared statements per connection under generated names; older diesel versions also prepared and bound unnamed statements in different transactions. Behind a transaction pooler the statements are missing on the next server connection.</source>
        <translation>diesel speichert vorbereitete Anweisungen pro Verbindung unter generierten Namen im Cache; ältere diesel-Versionen haben außerdem unbenannte Anweisungen in verschiedenen Transaktionen vorbereitet und gebunden. Hinter einem Transaktions-Pooler fehlen die Anweisungen auf der nächsten Serververbindung.</translation>
    </message>
    <message>
        <source>Call conn.set_prepared_statement_cache_size(CacheSize::Disabled) after connecting (diesel 2.2 or later) and use a diesel release that sends unnamed statements in one round trip.</source>
        <translation>Nach dem Verbinden conn.set_prepared_statement_cache_size(CacheSize::Disabled) aufrufen (diesel 2.2 oder neuer) und eine diesel-Version verwenden, die unbenannte Anweisungen in einem Roundtrip sendet.</translation>
    </message>
    <message>
        <source>Ecto Repo with named prepared statements</source>
        <translation>Ecto-Repo mit benannten vorbereiteten Anweisungen</translation>
    </message>
    <message>
        <source>An Ecto Repo on Postgrex is configured without prepare: :unnamed.</source>
        <translation>Ein Ecto-Repo auf Postgrex ist ohne prepare: :unnamed konfiguriert.</translation>
    </message>
    <message>
        <source>Postgrex prepares queries as named statements by default (prepare: :named), including its own POSTGREX_BEGIN. Behind a transaction pooler without prepared-statement tracking the names collide on shared server connections.</source>
        <translation>Postgrex bereitet Abfragen standardmäßig als benannte Anweisungen vor (prepare: :named), einschließlich seines eigenen POSTGREX_BEGIN. Hinter einem Transaktions-Pooler ohne Verfolgung vorbereiteter Anweisungen kollidieren die Namen auf gemeinsam genutzten Serververbindungen.</translation>
    </message>
    <message>
        <source>Add prepare: :unnamed to the Repo&apos;s configuration (for production usually in config/runtime.exs).</source>
        <translation>prepare: :unnamed zur Konfiguration des Repos hinzufügen (für Produktion meist in config/runtime.exs).</translation>
    </message>
    <message>
        <source>PHP PDO with server-side prepares</source>
        <translation>PHP-PDO mit serverseitigem Prepare</translation>
    </message>
    <message>
        <source>A PDO connection to PostgreSQL keeps server-side prepared statements (ATTR_EMULATE_PREPARES is not on).</source>
        <translation>Eine PDO-Verbindung zu PostgreSQL behält serverseitige vorbereitete Anweisungen (ATTR_EMULATE_PREPARES ist nicht eingeschaltet).</translation>
    </message>
    <message>
        <source>pdo_pgsql prepares statements as pdo_stmt_00000001, … and frees them with an SQL DEALLOCATE, which even PgBouncer&apos;s prepared-statement tracking does not handle. Only PHP 8.4 with libpq 17 frees them at the protocol level. Through a transaction pooler the statements go missing or pile up on other server connections.</source>
        <translation>pdo_pgsql bereitet Anweisungen als pdo_stmt_00000001, … vor und gibt sie mit einem SQL-DEALLOCATE frei, das nicht einmal die Verfolgung vorbereiteter Anweisungen von PgBouncer behandelt. Erst PHP 8.4 mit libpq 17 gibt sie auf Protokollebene frei. Über einen Transaktions-Pooler gehen die Anweisungen verloren oder häufen sich auf anderen Serververbindungen an.</translation>
    </message>
    <message>
        <source>Pass PDO::ATTR_EMULATE_PREPARES =&gt; true in the PDO options (or set it with setAttribute), or PDO::PGSQL_ATTR_DISABLE_PREPARES =&gt; true.</source>
        <translation>PDO::ATTR_EMULATE_PREPARES =&gt; true in den PDO-Optionen übergeben (oder mit setAttribute setzen) oder PDO::PGSQL_ATTR_DISABLE_PREPARES =&gt; true.</translation>
    </message>
    <message>
        <source>asyncpg before 0.29 with the statement cache off</source>
        <translation>asyncpg vor 0.29 mit ausgeschaltetem Anweisungscache</translation>
    </message>
    <message>
        <source>asyncpg before 0.29 relies on a statement across an implicit transaction boundary even with statement_cache_size=0.</source>
        <translation>asyncpg vor 0.29 verlässt sich selbst mit statement_cache_size=0 auf eine Anweisung über eine implizite Transaktionsgrenze hinweg.</translation>
    </message>
    <message>
        <source>Before 0.29.0 asyncpg could prepare a statement in one round trip and use it after a Flush that PgBouncer treats as a transaction boundary, so turning the cache off was not enough behind a transaction pooler. 0.29.0 re-parses instead; 0.31.0 also stops prepare() from using named statements when the cache is off.</source>
        <translation>Vor 0.29.0 konnte asyncpg eine Anweisung in einem Roundtrip vorbereiten und sie nach einem Flush verwenden, den PgBouncer als Transaktionsgrenze behandelt; das Ausschalten des Caches genügte hinter einem Transaktions-Pooler also nicht. 0.29.0 parst stattdessen neu; 0.31.0 hindert außerdem prepare() daran, benannte Anweisungen zu verwenden, wenn der Cache aus ist.</translation>
    </message>
    <message>
        <source>Upgrade asyncpg to 0.29.0 or later (0.31.0 or later when the code calls prepare() or copy_records_to_table()).</source>
        <translation>asyncpg auf 0.29.0 oder neuer aktualisieren (0.31.0 oder neuer, wenn der Code prepare() oder copy_records_to_table() aufruft).</translation>
    </message>
    <message>
        <source>Prisma Migrate without directUrl</source>
        <translation>Prisma Migrate ohne directUrl</translation>
    </message>
    <message>
        <source>The Prisma datasource has no directUrl, so Prisma Migrate runs over the pooled url.</source>
        <translation>Die Prisma-Datenquelle hat keine directUrl, daher läuft Prisma Migrate über die gepoolte url.</translation>
    </message>
    <message>
        <source>Prisma Migrate takes a session-level advisory lock and expects the rest of the migration on the same server connection. Through a transaction pooler the lock is taken on one connection and released on another, and migrations hang or fail. Prisma 6 and earlier read directUrl for migrations; Prisma 7 configures it in prisma.config.ts.</source>
        <translation>Prisma Migrate nimmt einen Advisory Lock auf Sitzungsebene und erwartet den Rest der Migration auf derselben Serververbindung. Über einen Transaktions-Pooler wird der Lock auf einer Verbindung genommen und auf einer anderen freigegeben, und Migrationen hängen oder scheitern. Prisma 6 und älter lesen directUrl für Migrationen; Prisma 7 konfiguriert sie in prisma.config.ts.</translation>
    </message>
    <message>
        <source>Add directUrl = env(&quot;DIRECT_URL&quot;) to the datasource and point DIRECT_URL at the database itself (or at a session-mode port).</source>
        <translation>directUrl = env(&quot;DIRECT_URL&quot;) zur Datenquelle hinzufügen und DIRECT_URL auf die Datenbank selbst richten (oder auf einen Port im Sitzungsmodus).</translation>
    </message>
    <message>
        <source>Rails migrations take advisory locks</source>
        <translation>Rails-Migrationen nehmen Advisory Locks</translation>
    </message>
    <message>
        <source>database.yml configures PostgreSQL without advisory_locks: false, so migrations take a session advisory lock.</source>
        <translation>database.yml konfiguriert PostgreSQL ohne advisory_locks: false, daher nehmen Migrationen einen Advisory Lock auf Sitzungsebene.</translation>
    </message>
    <message>
        <source>Rails wraps db:migrate in a session-level advisory lock. Run through a transaction pooler, the lock and its release land on different server connections: migrations fail to get the lock or leave it held on a pooled connection. advisory_locks: false (Rails 6.0 and later) turns the lock off; a direct URL for migrations keeps it.</source>
        <translation>Rails umschließt db:migrate mit einem Advisory Lock auf Sitzungsebene. Über einen Transaktions-Pooler landen der Lock und seine Freigabe auf verschiedenen Serververbindungen: Migrationen bekommen den Lock nicht oder lassen ihn auf einer gepoolten Verbindung gehalten zurück. advisory_locks: false (Rails 6.0 und neuer) schaltet den Lock aus; eine direkte URL für Migrationen behält ihn.</translation>
    </message>
    <message>
        <source>Run migrations over a direct URL, or add advisory_locks: false to the database&apos;s entry (also ?advisory_locks=false in the URL).</source>
        <translation>Migrationen über eine direkte URL ausführen oder advisory_locks: false zum Eintrag der Datenbank hinzufügen (in der URL auch ?advisory_locks=false).</translation>
    </message>
    <message>
        <source>golang-migrate migrates through the pooler</source>
        <translation>golang-migrate migriert über den Pooler</translation>
    </message>
    <message>
        <source>The URL golang-migrate migrates with points at a transaction pooler.</source>
        <translation>Die URL, mit der golang-migrate migriert, zeigt auf einen Transaktions-Pooler.</translation>
    </message>
    <message>
        <source>golang-migrate takes a session-level advisory lock while it migrates. Through a transaction pooler the lock, the migration statements and the release run on different server connections, so migrations hang, fail, or leave the lock held on a pooled connection.</source>
        <translation>golang-migrate nimmt während der Migration einen Advisory Lock auf Sitzungsebene. Über einen Transaktions-Pooler laufen der Lock, die Migrationsanweisungen und die Freigabe auf verschiedenen Serververbindungen, sodass Migrationen hängen, scheitern oder den Lock auf einer gepoolten Verbindung gehalten zurücklassen.</translation>
    </message>
    <message>
        <source>Point golang-migrate&apos;s URL at the database itself (or a session-mode port), and keep the pooled URL for the application.</source>
        <translation>Die URL von golang-migrate auf die Datenbank selbst richten (oder auf einen Port im Sitzungsmodus) und die gepoolte URL für die Anwendung behalten.</translation>
    </message>
    <message>
        <source>Atlas migrates through the pooler</source>
        <translation>Atlas migriert über den Pooler</translation>
    </message>
    <message>
        <source>The URL Atlas migrates with points at a transaction pooler.</source>
        <translation>Die URL, mit der Atlas migriert, zeigt auf einen Transaktions-Pooler.</translation>
    </message>
    <message>
        <source>Atlas takes a session-level advisory lock while it migrates. Through a transaction pooler the lock, the migration statements and the release run on different server connections, so migrations hang, fail, or leave the lock held on a pooled connection.</source>
        <translation>Atlas nimmt während der Migration einen Advisory Lock auf Sitzungsebene. Über einen Transaktions-Pooler laufen der Lock, die Migrationsanweisungen und die Freigabe auf verschiedenen Serververbindungen, sodass Migrationen hängen, scheitern oder den Lock auf einer gepoolten Verbindung gehalten zurücklassen.</translation>
    </message>
    <message>
        <source>Point Atlas&apos;s URL at the database itself (or a session-mode port), and keep the pooled URL for the application.</source>
        <translation>Die URL von Atlas auf die Datenbank selbst richten (oder auf einen Port im Sitzungsmodus) und die gepoolte URL für die Anwendung behalten.</translation>
    </message>
    <message>
        <source>Flyway migrates through the pooler</source>
        <translation>Flyway migriert über den Pooler</translation>
    </message>
    <message>
        <source>The URL Flyway migrates with points at a transaction pooler.</source>
        <translation>Die URL, mit der Flyway migriert, zeigt auf einen Transaktions-Pooler.</translation>
    </message>
    <message>
        <source>Flyway takes a session-level advisory lock while it migrates. Through a transaction pooler the lock, the migration statements and the release run on different server connections, so migrations hang, fail, or leave the lock held on a pooled connection.</source>
        <translation>Flyway nimmt während der Migration einen Advisory Lock auf Sitzungsebene. Über einen Transaktions-Pooler laufen der Lock, die Migrationsanweisungen und die Freigabe auf verschiedenen Serververbindungen, sodass Migrationen hängen, scheitern oder den Lock auf einer gepoolten Verbindung gehalten zurücklassen.</translation>
    </message>
    <message>
        <source>Point Flyway&apos;s URL at the database itself (or a session-mode port), and keep the pooled URL for the application.</source>
        <translation>Die URL von Flyway auf die Datenbank selbst richten (oder auf einen Port im Sitzungsmodus) und die gepoolte URL für die Anwendung behalten.</translation>
    </message>
    <message>
        <source>Ecto migrations with pg_advisory_lock</source>
        <translation>Ecto-Migrationen mit pg_advisory_lock</translation>
    </message>
    <message>
        <source>The Repo sets migration_lock: :pg_advisory_lock, a session-level lock.</source>
        <translation>Das Repo setzt migration_lock: :pg_advisory_lock, einen Lock auf Sitzungsebene.</translation>
    </message>
    <message>
        <source>ecto_sql locks migrations with LOCK TABLE inside the migration transaction by default, which works through a transaction pooler. migration_lock: :pg_advisory_lock takes a session-level advisory lock instead, which the pooler moves between server connections.</source>
        <translation>ecto_sql sperrt Migrationen standardmäßig mit LOCK TABLE innerhalb der Migrationstransaktion, was über einen Transaktions-Pooler funktioniert. migration_lock: :pg_advisory_lock nimmt stattdessen einen Advisory Lock auf Sitzungsebene, den der Pooler zwischen Serververbindungen verschiebt.</translation>
    </message>
    <message>
        <source>Remove migration_lock: :pg_advisory_lock behind a transaction pooler, or run migrations over a direct URL.</source>
        <translation>migration_lock: :pg_advisory_lock hinter einem Transaktions-Pooler entfernen oder Migrationen über eine direkte URL ausführen.</translation>
    </message>
    <message>
        <source>Session pool mode where transaction mode is expected</source>
        <translation>Sitzungsmodus, wo der Transaktionsmodus erwartet wird</translation>
    </message>
    <message>
        <source>The pooler gives this database session pooling, not the transaction pooling the setup expects.</source>
        <translation>Der Pooler betreibt diese Datenbank im Sitzungsmodus, nicht im Transaktionsmodus, den das Setup erwartet.</translation>
    </message>
    <message>
        <source>In session mode PgBouncer hands each client a server connection for as long as the client stays connected. Session state is safe, but the pooler multiplexes nothing: every open application connection holds a server connection, and clients beyond the pool size wait. A per-database pool_mode in [databases] overrides the global setting, so one entry can silently differ from the rest.</source>
        <translation>Im Sitzungsmodus gibt PgBouncer jedem Client eine Serververbindung, solange der Client verbunden bleibt. Sitzungszustand ist sicher, aber der Pooler multiplext nichts: Jede offene Anwendungsverbindung belegt eine Serververbindung, und Clients über die Poolgröße hinaus warten. Ein pool_mode pro Datenbank in [databases] überschreibt die globale Einstellung, sodass ein einzelner Eintrag unbemerkt vom Rest abweichen kann.</translation>
    </message>
    <message>
        <source>Set pool_mode = transaction for the database entry (or remove the entry&apos;s own pool_mode), or, if session pooling is intended, size the pool for every application connection and expect no multiplexing.</source>
        <translation>pool_mode = transaction für den Datenbankeintrag setzen (oder den eigenen pool_mode des Eintrags entfernen) oder, wenn der Sitzungsmodus beabsichtigt ist, den Pool für jede Anwendungsverbindung bemessen und kein Multiplexing erwarten.</translation>
    </message>
    <message>
        <source>max_prepared_statements = 0 while the code uses named statements</source>
        <translation>max_prepared_statements = 0, während der Code benannte Anweisungen verwendet</translation>
    </message>
    <message>
        <source>PgBouncer does not track prepared statements (max_prepared_statements = 0), and the code prepares named statements.</source>
        <translation>PgBouncer verfolgt keine vorbereiteten Anweisungen (max_prepared_statements = 0), und der Code bereitet benannte Anweisungen vor.</translation>
    </message>
    <message>
        <source>With max_prepared_statements at 0, PgBouncer passes Parse, Bind and Close straight to whichever server connection the transaction gets. A statement prepared on one server connection is missing on the next, and a name prepared twice on the same one collides. This was the default before PgBouncer 1.24 and still is on some hosted poolers.</source>
        <translation>Mit max_prepared_statements auf 0 reicht PgBouncer Parse, Bind und Close direkt an die Serververbindung weiter, die die Transaktion gerade bekommt. Eine auf einer Serververbindung vorbereitete Anweisung fehlt auf der nächsten, und ein Name, der auf derselben zweimal vorbereitet wird, kollidiert. Das war vor PgBouncer 1.24 der Standard und ist es bei einigen gehosteten Poolern noch immer.</translation>
    </message>
    <message>
        <source>Set max_prepared_statements to a positive value (200 is the default since PgBouncer 1.24), or turn named statements off in the driver (see the static findings for how).</source>
        <translation>max_prepared_statements auf einen positiven Wert setzen (200 ist seit PgBouncer 1.24 der Standard) oder benannte Anweisungen im Treiber ausschalten (wie, steht in den statischen Befunden).</translation>
    </message>
    <message>
        <source>extra_float_digits not ignored while pgjdbc connects</source>
        <translation>extra_float_digits wird nicht ignoriert, während pgjdbc sich verbindet</translation>
    </message>
    <message>
        <source>pgjdbc sends extra_float_digits at startup, and PgBouncer&apos;s ignore_startup_parameters does not list it.</source>
        <translation>pgjdbc sendet extra_float_digits beim Start, und ignore_startup_parameters von PgBouncer führt es nicht auf.</translation>
    </message>
    <message>
        <source>PgBouncer refuses startup parameters it neither tracks nor ignores and closes the connection. pgjdbc always sends extra_float_digits, so every JDBC connection through this pooler fails at login.</source>
        <translation>PgBouncer lehnt Startparameter ab, die er weder verfolgt noch ignoriert, und schließt die Verbindung. pgjdbc sendet immer extra_float_digits, daher scheitert jede JDBC-Verbindung über diesen Pooler bei der Anmeldung.</translation>
    </message>
    <message>
        <source>Add extra_float_digits to ignore_startup_parameters in pgbouncer.ini.</source>
        <translation>extra_float_digits in pgbouncer.ini zu ignore_startup_parameters hinzufügen.</translation>
    </message>
    <message>
        <source>The URL asks for TLS and the pooler does not offer it</source>
        <translation>Die URL verlangt TLS, und der Pooler bietet es nicht an</translation>
    </message>
    <message>
        <source>The connection string requires TLS, but PgBouncer&apos;s client_tls_sslmode is disable, so every connection fails before login.</source>
        <translation>Die Verbindungszeichenfolge verlangt TLS, aber client_tls_sslmode von PgBouncer steht auf disable, daher scheitert jede Verbindung vor der Anmeldung.</translation>
    </message>
    <message>
        <source>With sslmode=require or stricter, libpq and the drivers that follow it refuse to go on when the server declines TLS, and they never send the password unencrypted. PgBouncer offers TLS to clients only when client_tls_sslmode is allow or stricter and a certificate is configured.</source>
        <translation>Mit sslmode=require oder strenger weigern sich libpq und die Treiber, die ihm folgen, weiterzumachen, wenn der Server TLS ablehnt, und sie senden das Passwort nie unverschlüsselt. PgBouncer bietet Clients TLS nur an, wenn client_tls_sslmode auf allow oder strenger steht und ein Zertifikat konfiguriert ist.</translation>
    </message>
    <message>
        <source>Configure client_tls_sslmode, client_tls_key_file and client_tls_cert_file on the pooler; do not weaken sslmode in the URL.</source>
        <translation>client_tls_sslmode, client_tls_key_file und client_tls_cert_file auf dem Pooler konfigurieren; sslmode in der URL nicht abschwächen.</translation>
    </message>
    <message>
        <source>More application connections than max_client_conn</source>
        <translation>Mehr Anwendungsverbindungen als max_client_conn</translation>
    </message>
    <message>
        <source>The application&apos;s pools can open more client connections than PgBouncer&apos;s max_client_conn allows.</source>
        <translation>Die Pools der Anwendung können mehr Clientverbindungen öffnen, als max_client_conn von PgBouncer zulässt.</translation>
    </message>
    <message>
        <source>Each instance opens up to its pool size in client connections. When their sum exceeds max_client_conn, PgBouncer refuses the connections beyond it, typically during deployments when old and new instances overlap.</source>
        <translation>Jede Instanz öffnet bis zu ihrer Poolgröße Clientverbindungen. Übersteigt deren Summe max_client_conn, weist PgBouncer die darüber hinausgehenden Verbindungen ab, typischerweise bei Deployments, wenn sich alte und neue Instanzen überschneiden.</translation>
    </message>
    <message>
        <source>Raise max_client_conn above application pool size times instances (with room for deployments), or shrink the application pools.</source>
        <translation>max_client_conn über Poolgröße der Anwendung mal Instanzen anheben (mit Spielraum für Deployments) oder die Pools der Anwendung verkleinern.</translation>
    </message>
    <message>
        <source>More application connections than server connections</source>
        <translation>Mehr Anwendungsverbindungen als Serververbindungen</translation>
    </message>
    <message>
        <source>The application&apos;s pools together hold more connections than the pooler&apos;s server pool for this database.</source>
        <translation>Die Pools der Anwendung halten zusammen mehr Verbindungen als der Serverpool des Poolers für diese Datenbank.</translation>
    </message>
    <message>
        <source>In transaction mode this is what pooling is for: clients share the server connections between transactions, and they wait only while every server connection is inside a transaction. In session mode every waiting client waits for another client to disconnect.</source>
        <translation>Im Transaktionsmodus ist genau das der Zweck des Poolings: Clients teilen sich die Serververbindungen zwischen Transaktionen und warten nur, solange jede Serververbindung in einer Transaktion steckt. Im Sitzungsmodus wartet jeder wartende Client darauf, dass ein anderer Client die Verbindung trennt.</translation>
    </message>
    <message>
        <source>In transaction mode keep transactions short; in session mode raise pool_size (or default_pool_size) to application pool size times instances, or switch to transaction mode.</source>
        <translation>Im Transaktionsmodus Transaktionen kurz halten; im Sitzungsmodus pool_size (oder default_pool_size) auf Poolgröße der Anwendung mal Instanzen anheben oder in den Transaktionsmodus wechseln.</translation>
    </message>
    <message>
        <source>server_reset_query_always is on</source>
        <translation>server_reset_query_always ist eingeschaltet</translation>
    </message>
    <message>
        <source>PgBouncer runs server_reset_query after every transaction, so session state is wiped instead of leaking.</source>
        <translation>PgBouncer führt server_reset_query nach jeder Transaktion aus, sodass Sitzungszustand gelöscht wird, statt durchzusickern.</translation>
    </message>
    <message>
        <source>server_reset_query_always = 1 makes transaction mode reset the server connection (DISCARD ALL by default) after each transaction. Leaks between clients stop, but code that relies on session state now loses it at every commit; the session-state findings still describe code that does not work as written.</source>
        <translation>server_reset_query_always = 1 lässt den Transaktionsmodus die Serververbindung nach jeder Transaktion zurücksetzen (standardmäßig mit DISCARD ALL). Das Durchsickern zwischen Clients hört auf, aber Code, der sich auf Sitzungszustand verlässt, verliert ihn nun bei jedem Commit; die Sitzungszustands-Befunde beschreiben weiterhin Code, der nicht wie geschrieben funktioniert.</translation>
    </message>
    <message>
        <source>Fix the session-state findings in the code; keep server_reset_query_always only as a safety net.</source>
        <translation>Die Sitzungszustands-Befunde im Code beheben; server_reset_query_always nur als Sicherheitsnetz behalten.</translation>
    </message>
    <message>
        <source>Session state seen by another client</source>
        <translation>Sitzungszustand von einem anderen Client gesehen</translation>
    </message>
    <message>
        <source>Replayed through the pooler, state set by one client was seen by another.</source>
        <translation>Über den Pooler nachgestellt, wurde der von einem Client gesetzte Zustand von einem anderen gesehen.</translation>
    </message>
    <message>
        <source>The replay opened two client connections through the pooler. Client A changed session state outside a transaction; client B, given the same server connection afterwards, saw the change. The application&apos;s own connections behave the same way.</source>
        <translation>Die Nachstellung hat zwei Clientverbindungen über den Pooler geöffnet. Client A hat außerhalb einer Transaktion Sitzungszustand geändert; Client B, der danach dieselbe Serververbindung bekam, hat die Änderung gesehen. Die eigenen Verbindungen der Anwendung verhalten sich genauso.</translation>
    </message>
    <message>
        <source>Set session state inside the transaction that needs it (SET LOCAL, set_config(..., true)), or as a startup parameter the pooler tracks.</source>
        <translation>Sitzungszustand innerhalb der Transaktion setzen, die ihn braucht (SET LOCAL, set_config(..., true)), oder als Startparameter, den der Pooler verfolgt.</translation>
    </message>
    <message>
        <source>Notifications lost through the pooler</source>
        <translation>Benachrichtigungen gehen durch den Pooler verloren</translation>
    </message>
    <message>
        <source>Replayed through the pooler, a LISTEN received nothing.</source>
        <translation>Durch den Pooler nachgespielt, hat ein LISTEN nichts erhalten.</translation>
    </message>
    <message>
        <source>The replay opened two client connections through the pooler. Client A ran LISTEN outside a transaction and client B sent NOTIFY on that channel; A received nothing. The LISTEN stayed on a server connection that the pooler handed to other clients as soon as A&apos;s statement ended, so notifications go to whichever client holds that server connection at the time, or to nobody. The application&apos;s own listeners behave the same way.</source>
        <translation>Das Nachspielen hat zwei Client-Verbindungen durch den Pooler geöffnet. Client A hat LISTEN außerhalb einer Transaktion ausgeführt, und Client B hat auf diesem Kanal NOTIFY gesendet; A hat nichts erhalten. Das LISTEN blieb auf einer Serververbindung, die der Pooler anderen Clients gab, sobald die Anweisung von A endete; Benachrichtigungen gehen also an den Client, der diese Serververbindung gerade hält, oder an niemanden. Die eigenen Listener der Anwendung verhalten sich genauso.</translation>
    </message>
    <message>
        <source>Listen on a dedicated connection that bypasses the transaction pooler (a direct URL to PostgreSQL, or a pooler database entry with pool_mode=session), and keep it open. NOTIFY and pg_notify() may stay on the pooled connections.</source>
        <translation>Auf einer eigenen Verbindung lauschen, die am Transaktions-Pooler vorbeigeht (eine direkte URL zu PostgreSQL oder ein Datenbankeintrag des Poolers mit pool_mode=session), und sie offen halten. NOTIFY und pg_notify() dürfen auf den gepoolten Verbindungen bleiben.</translation>
    </message>
    <message>
        <source>LISTEN through asyncpg&apos;s add_listener</source>
        <translation>LISTEN über add_listener von asyncpg</translation>
    </message>
    <message>
        <source>Connection.add_listener runs LISTEN on the server connection behind it.</source>
        <translation>Connection.add_listener führt LISTEN auf der Serververbindung dahinter aus.</translation>
    </message>
    <message>
        <source>asyncpg subscribes with LISTEN on the connection add_listener is called on and waits there for notifications. Behind a transaction pooler that client connection is served by a different server connection at every statement, so the subscription stays on a connection other clients now use, and the listener receives nothing.</source>
        <translation>asyncpg abonniert mit LISTEN auf der Verbindung, auf der add_listener aufgerufen wird, und wartet dort auf Benachrichtigungen. Hinter einem Transaktions-Pooler bedient bei jeder Anweisung eine andere Serververbindung diese Client-Verbindung; das Abonnement bleibt auf einer Verbindung, die nun andere Clients nutzen, und der Listener empfängt nichts.</translation>
    </message>
    <message>
        <source>Call add_listener on a connection of its own that goes straight to PostgreSQL (or through a session-mode pool), and keep that connection open.</source>
        <translation>add_listener auf einer eigenen Verbindung aufrufen, die direkt zu PostgreSQL führt (oder über einen Pool im Session-Modus), und diese Verbindung offen halten.</translation>
    </message>
    <message>
        <source>LISTEN through postgres.js&apos;s listen</source>
        <translation>LISTEN über listen von postgres.js</translation>
    </message>
    <message>
        <source>sql.listen opens a connection of its own and runs LISTEN on it, with the same connection settings as every query.</source>
        <translation>sql.listen öffnet eine eigene Verbindung und führt darauf LISTEN aus, mit denselben Verbindungseinstellungen wie jede Abfrage.</translation>
    </message>
    <message>
        <source>postgres.js keeps one extra connection for sql.listen and subscribes there with LISTEN. Made from the same URL as the queries, that connection goes through the transaction pooler too, which hands the server connection on after the LISTEN, so notifications reach whichever client holds it, or nobody.</source>
        <translation>postgres.js hält für sql.listen eine zusätzliche Verbindung und abonniert dort mit LISTEN. Da sie aus derselben URL entsteht wie die Abfragen, läuft auch diese Verbindung über den Transaktions-Pooler, der die Serververbindung nach dem LISTEN weitergibt; Benachrichtigungen erreichen dann den Client, der sie gerade hält, oder niemanden.</translation>
    </message>
    <message>
        <source>Create a second postgres() instance for listening whose URL goes straight to PostgreSQL (or to a session-mode pool), and call listen on that one.</source>
        <translation>Eine zweite postgres()-Instanz zum Zuhören anlegen, deren URL direkt zu PostgreSQL führt (oder zu einem Pool im Session-Modus), und listen auf dieser aufrufen.</translation>
    </message>
    <message>
        <source>LISTEN through sqlx&apos;s PgListener</source>
        <translation>LISTEN über PgListener von sqlx</translation>
    </message>
    <message>
        <source>A PgListener holds a connection of its own and runs LISTEN on it.</source>
        <translation>Ein PgListener hält eine eigene Verbindung und führt darauf LISTEN aus.</translation>
    </message>
    <message>
        <source>sqlx&apos;s PgListener exists to receive notifications: it opens a connection, runs LISTEN there for each channel and waits on it. If that connection goes through a transaction pooler, the server connection behind it is handed to other clients after each LISTEN, and the listener receives nothing.</source>
        <translation>PgListener von sqlx dient dem Empfang von Benachrichtigungen: Er öffnet eine Verbindung, führt dort für jeden Kanal LISTEN aus und wartet darauf. Läuft diese Verbindung über einen Transaktions-Pooler, geht die Serververbindung dahinter nach jedem LISTEN an andere Clients, und der Listener empfängt nichts.</translation>
    </message>
    <message>
        <source>Connect the PgListener with a URL that goes straight to PostgreSQL (or to a session-mode pool); queries may keep going through the pooler.</source>
        <translation>Den PgListener mit einer URL verbinden, die direkt zu PostgreSQL führt (oder zu einem Pool im Session-Modus); Abfragen dürfen weiter über den Pooler laufen.</translation>
    </message>
    <message>
        <source>LISTEN through Postgrex.Notifications</source>
        <translation>LISTEN über Postgrex.Notifications</translation>
    </message>
    <message>
        <source>Postgrex.Notifications.listen runs LISTEN on the notification process&apos;s own connection.</source>
        <translation>Postgrex.Notifications.listen führt LISTEN auf der eigenen Verbindung des Benachrichtigungsprozesses aus.</translation>
    </message>
    <message>
        <source>A Postgrex.Notifications process keeps one connection and subscribes on it with LISTEN for every listen call. Started with the repository&apos;s pooled configuration, that connection goes through the transaction pooler, which hands the server connection on after the LISTEN, so notifications reach whichever client holds it, or nobody.</source>
        <translation>Ein Postgrex.Notifications-Prozess hält eine Verbindung und abonniert darauf mit LISTEN für jeden listen-Aufruf. Mit der Pool-Konfiguration des Repositorys gestartet, läuft diese Verbindung über den Transaktions-Pooler, der die Serververbindung nach dem LISTEN weitergibt; Benachrichtigungen erreichen dann den Client, der sie gerade hält, oder niemanden.</translation>
    </message>
    <message>
        <source>Start the Postgrex.Notifications process with a configuration that connects straight to PostgreSQL (or to a session-mode pool).</source>
        <translation>Den Postgrex.Notifications-Prozess mit einer Konfiguration starten, die direkt zu PostgreSQL verbindet (oder zu einem Pool im Session-Modus).</translation>
    </message>
    <message>
        <source>LISTEN through lib/pq&apos;s Listener</source>
        <translation>LISTEN über den Listener von lib/pq</translation>
    </message>
    <message>
        <source>A pq.Listener keeps a connection of its own and runs LISTEN on it.</source>
        <translation>Ein pq.Listener hält eine eigene Verbindung und führt darauf LISTEN aus.</translation>
    </message>
    <message>
        <source>Give pq.NewListener a connection string that goes straight to PostgreSQL (or to a session-mode pool); queries may keep going through the pooler.</source>
        <translation>pq.NewListener einen Verbindungsstring geben, der direkt zu PostgreSQL führt (oder zu einem Pool im Session-Modus); Abfragen dürfen weiter über den Pooler laufen.</translation>
    </message>
    <message>
        <source>LISTEN through pg-listen</source>
        <translation>LISTEN über pg-listen</translation>
    </message>
    <message>
        <source>A pg-listen subscriber keeps a connection of its own and runs LISTEN on it.</source>
        <translation>Ein Subscriber von pg-listen hält eine eigene Verbindung und führt darauf LISTEN aus.</translation>
    </message>
    <message>
        <source>createSubscriber from pg-listen opens one connection with the settings it is given and subscribes there with LISTEN for every listenTo call. If those settings lead through a transaction pooler, the server connection is handed to other clients after the LISTEN, and the subscriber&apos;s notification events never fire.</source>
        <translation>createSubscriber aus pg-listen öffnet mit den übergebenen Einstellungen eine Verbindung und abonniert dort mit LISTEN für jeden listenTo-Aufruf. Führen diese Einstellungen über einen Transaktions-Pooler, geht die Serververbindung nach dem LISTEN an andere Clients, und die Benachrichtigungsereignisse des Subscribers treten nie ein.</translation>
    </message>
    <message>
        <source>Pass createSubscriber a connection string that goes straight to PostgreSQL (or to a session-mode pool); NOTIFY may keep going through the pooler.</source>
        <translation>createSubscriber einen Verbindungsstring übergeben, der direkt zu PostgreSQL führt (oder zu einem Pool im Session-Modus); NOTIFY darf weiter über den Pooler laufen.</translation>
    </message>
    <message>
        <source>lib/pq&apos;s Listener opens a dedicated connection from the connection string it is given and runs LISTEN there for each channel. Behind a transaction pooler the server connection serving it is handed to other clients after each LISTEN, so the Listener&apos;s Notify channel stays silent.</source>
        <translation>Der Listener von lib/pq öffnet aus dem übergebenen Verbindungsstring eine eigene Verbindung und führt dort für jeden Kanal LISTEN aus. Hinter einem Transaktions-Pooler geht die Serververbindung dahinter nach jedem LISTEN an andere Clients, und der Notify-Kanal des Listeners bleibt stumm.</translation>
    </message>
    <message>
        <source>psycopg cursor declared WITH HOLD</source>
        <translation>psycopg-Cursor mit WITH HOLD deklariert</translation>
    </message>
    <message>
        <source>A named psycopg cursor with withhold=True is a DECLARE … WITH HOLD cursor on the server connection.</source>
        <translation>Ein benannter psycopg-Cursor mit withhold=True ist ein DECLARE … WITH HOLD-Cursor auf der Serververbindung.</translation>
    </message>
    <message>
        <source>psycopg turns cursor(name, withhold=True) into DECLARE … WITH HOLD, so the cursor stays open after the transaction commits and is read in later round trips. A transaction pooler sends those later fetches to other server connections, where the cursor does not exist, while it stays open on the first one.</source>
        <translation>psycopg macht aus cursor(name, withhold=True) ein DECLARE … WITH HOLD: Der Cursor bleibt nach dem Commit der Transaktion offen und wird in späteren Roundtrips gelesen. Ein Transaktions-Pooler schickt diese späteren Abrufe an andere Serververbindungen, auf denen es den Cursor nicht gibt, während er auf der ersten offen bleibt.</translation>
    </message>
    <message>
        <source>Drop withhold=True and read the cursor inside the transaction that declared it, or page with keyset pagination.</source>
        <translation>withhold=True entfernen und den Cursor innerhalb der Transaktion lesen, die ihn deklariert hat, oder mit Keyset-Paginierung blättern.</translation>
    </message>
    <message>
        <source>psycopg execute with prepare=True</source>
        <translation>psycopg-execute mit prepare=True</translation>
    </message>
    <message>
        <source>cursor.execute(…, prepare=True) makes psycopg 3 prepare the query as a named statement at once.</source>
        <translation>cursor.execute(…, prepare=True) lässt psycopg 3 die Abfrage sofort als benanntes Statement vorbereiten.</translation>
    </message>
    <message>
        <source>prepare=True asks psycopg 3 to prepare the query on the server right away (_pg3_0, _pg3_1, …), whatever prepare_threshold says, and to run it by name afterwards. Behind a transaction pooler without prepared-statement tracking the next execution lands on a server connection that does not have the statement.</source>
        <translation>prepare=True lässt psycopg 3 die Abfrage sofort auf dem Server vorbereiten (_pg3_0, _pg3_1, …), unabhängig von prepare_threshold, und sie danach über den Namen ausführen. Hinter einem Transaktions-Pooler ohne Verfolgung vorbereiteter Statements landet die nächste Ausführung auf einer Serververbindung, die das Statement nicht kennt.</translation>
    </message>
    <message>
        <source>Drop prepare=True, or make sure every pooler in the path tracks prepared statements (PgBouncer 1.22 or later with max_prepared_statements above 0, and libpq 17 or later on the client).</source>
        <translation>prepare=True entfernen oder sicherstellen, dass jeder Pooler auf dem Weg vorbereitete Statements verfolgt (PgBouncer 1.22 oder neuer mit max_prepared_statements über 0 und libpq 17 oder neuer auf dem Client).</translation>
    </message>
    <message>
        <source>node-postgres sends session settings at connect</source>
        <translation>node-postgres sendet Sitzungseinstellungen beim Verbindungsaufbau</translation>
    </message>
    <message>
        <source>A node-postgres Pool or Client is configured with statement_timeout, lock_timeout, idle_in_transaction_session_timeout or options, which it sends as startup parameters.</source>
        <translation>Ein Pool oder Client von node-postgres ist mit statement_timeout, lock_timeout, idle_in_transaction_session_timeout oder options konfiguriert, die er als Startparameter sendet.</translation>
    </message>
    <message>
        <source>node-postgres puts these settings in the startup message rather than running SET. PgBouncer accepts only the parameters it tracks there and closes the connection on any other; listed in ignore_startup_parameters, the setting is dropped without a word and the timeout never applies. Either way the setting does not work through the pooler.</source>
        <translation>node-postgres schreibt diese Einstellungen in die Startnachricht, statt SET auszuführen. PgBouncer nimmt dort nur die Parameter an, die er verfolgt, und schließt bei jedem anderen die Verbindung; steht er in ignore_startup_parameters, wird die Einstellung stillschweigend verworfen und das Timeout greift nie. So oder so wirkt die Einstellung durch den Pooler nicht.</translation>
    </message>
    <message>
        <source>Remove the setting from the client configuration and set it on the server side: ALTER ROLE app SET statement_timeout = &apos;5s&apos; (or ALTER DATABASE), or SET LOCAL inside each transaction. query_timeout, which node-postgres enforces itself, is fine.</source>
        <translation>Die Einstellung aus der Client-Konfiguration entfernen und auf dem Server setzen: ALTER ROLE app SET statement_timeout = &apos;5s&apos; (oder ALTER DATABASE), oder SET LOCAL in jeder Transaktion. query_timeout, das node-postgres selbst durchsetzt, ist unbedenklich.</translation>
    </message>
    <message>
        <source>Oban&apos;s Postgres notifier listens through the pooler</source>
        <translation>Obans Postgres-Notifier lauscht über den Pooler</translation>
    </message>
    <message>
        <source>Oban is configured without another notifier, so it uses Oban.Notifiers.Postgres, which relies on LISTEN and NOTIFY.</source>
        <translation>Oban ist ohne anderen Notifier konfiguriert und nutzt daher Oban.Notifiers.Postgres, der auf LISTEN und NOTIFY beruht.</translation>
    </message>
    <message>
        <source>Oban&apos;s default notifier runs LISTEN on a connection from the Repo&apos;s pool and relies on it to hear inserts, pauses, cancellations and leadership changes. Through a transaction pooler the LISTEN lands on a server connection that other clients then share, and the notifications reach the wrong client or none; Oban&apos;s own documentation says the notifier does not work with PgBouncer in transaction mode.</source>
        <translation>Obans voreingestellter Notifier führt LISTEN auf einer Verbindung aus dem Pool des Repos aus und erfährt darüber von neuen Jobs, Pausen, Abbrüchen und Wechseln der Leitung. Über einen Transaktions-Pooler landet das LISTEN auf einer Serververbindung, die danach andere Clients teilen, und die Benachrichtigungen erreichen den falschen Client oder keinen; Obans eigene Dokumentation sagt, dass der Notifier mit PgBouncer im Transaktionsmodus nicht funktioniert.</translation>
    </message>
    <message>
        <source>Set notifier: Oban.Notifiers.PG (Distributed Erlang) or another notifier that does not use LISTEN in the Oban configuration, or give Oban a Repo that connects directly.</source>
        <translation>In der Oban-Konfiguration notifier: Oban.Notifiers.PG (Distributed Erlang) oder einen anderen Notifier ohne LISTEN setzen, oder Oban ein Repo geben, das direkt verbindet.</translation>
    </message>
    <message>
        <source>GoodJob needs a session-level connection</source>
        <translation>GoodJob braucht eine Verbindung auf Sitzungsebene</translation>
    </message>
    <message>
        <source>Active Job runs on GoodJob, which holds session advisory locks and LISTENs on its connections.</source>
        <translation>Active Job läuft auf GoodJob, das auf seinen Verbindungen Advisory Locks auf Sitzungsebene hält und LISTEN ausführt.</translation>
    </message>
    <message>
        <source>GoodJob locks each job it runs with a session-level advisory lock and wakes its workers with LISTEN/NOTIFY, both on the Active Record connection. Through a transaction pooler the lock and the LISTEN stay on a server connection that other clients then use: locks are held or released by the wrong client and notifications go astray. GoodJob&apos;s maintainers state that it is not compatible with PgBouncer in transaction mode.</source>
        <translation>GoodJob sperrt jeden Job, den es ausführt, mit einem Advisory Lock auf Sitzungsebene und weckt seine Worker mit LISTEN/NOTIFY, beides auf der Active-Record-Verbindung. Über einen Transaktions-Pooler bleiben Lock und LISTEN auf einer Serververbindung, die danach andere Clients nutzen: Locks werden vom falschen Client gehalten oder freigegeben, und Benachrichtigungen gehen verloren. Die Maintainer von GoodJob erklären, dass es mit PgBouncer im Transaktionsmodus nicht kompatibel ist.</translation>
    </message>
    <message>
        <source>Connect GoodJob directly or through a session-mode pooler: give it a database configuration with a direct URL and set GoodJob.active_record_parent_class to a base class that connects_to it.</source>
        <translation>GoodJob direkt oder über einen Pooler im Session-Modus verbinden: ihm eine Datenbankkonfiguration mit direkter URL geben und GoodJob.active_record_parent_class auf eine Basisklasse setzen, die per connects_to damit verbindet.</translation>
    </message>
    <message>
        <source>Action Cable&apos;s PostgreSQL adapter listens through the pooler</source>
        <translation>Der PostgreSQL-Adapter von Action Cable lauscht über den Pooler</translation>
    </message>
    <message>
        <source>config/cable.yml uses the postgresql adapter, which runs LISTEN on a connection from Active Record&apos;s pool.</source>
        <translation>config/cable.yml nutzt den Adapter postgresql, der LISTEN auf einer Verbindung aus dem Pool von Active Record ausführt.</translation>
    </message>
    <message>
        <source>Action Cable&apos;s PostgreSQL subscription adapter takes its connection from Active Record, with the application&apos;s database configuration, and keeps a LISTEN open on it for every stream. Through a transaction pooler that LISTEN registers on a server connection that other clients share, so broadcasts reach the wrong process or none.</source>
        <translation>Der PostgreSQL-Adapter von Action Cable holt seine Verbindung von Active Record, mit der Datenbankkonfiguration der Anwendung, und hält darauf für jeden Stream ein LISTEN offen. Über einen Transaktions-Pooler wird dieses LISTEN auf einer Serververbindung registriert, die andere Clients teilen, und Broadcasts erreichen den falschen Prozess oder keinen.</translation>
    </message>
    <message>
        <source>Use an adapter that does not LISTEN through the pooler: Solid Cable, which polls a table, or Redis. The postgresql adapter is fine only where the application&apos;s database configuration connects directly.</source>
        <translation>Einen Adapter verwenden, der nicht über den Pooler lauscht: Solid Cable, das eine Tabelle abfragt, oder Redis. Der Adapter postgresql ist nur unbedenklich, wo die Datenbankkonfiguration der Anwendung direkt verbindet.</translation>
    </message>
    <message>
        <source>asyncpg sends server_settings at connect</source>
        <translation>asyncpg sendet server_settings beim Verbindungsaufbau</translation>
    </message>
    <message>
        <source>asyncpg is given server_settings for a parameter PgBouncer does not track (jit, search_path, statement_timeout, …), which it sends as a startup parameter.</source>
        <translation>asyncpg erhält server_settings für einen Parameter, den PgBouncer nicht verfolgt (jit, search_path, statement_timeout, …), und sendet ihn als Startparameter.</translation>
    </message>
    <message>
        <source>asyncpg puts server_settings, directly or through SQLAlchemy&apos;s connect_args, into the startup message. PgBouncer accepts only the parameters it tracks there (application_name, TimeZone, DateStyle, IntervalStyle, client_encoding, standard_conforming_strings and those in track_extra_parameters) and closes the connection on any other with &quot;unsupported startup parameter&quot;. Listed in ignore_startup_parameters, the setting is dropped without a word instead.</source>
        <translation>asyncpg schreibt server_settings, direkt oder über connect_args von SQLAlchemy, in die Startnachricht. PgBouncer nimmt dort nur die Parameter an, die er verfolgt (application_name, TimeZone, DateStyle, IntervalStyle, client_encoding, standard_conforming_strings und die in track_extra_parameters), und schließt bei jedem anderen die Verbindung mit „unsupported startup parameter“. Steht der Parameter in ignore_startup_parameters, wird die Einstellung stattdessen stillschweigend verworfen.</translation>
    </message>
    <message>
        <source>Remove the parameter from server_settings and set it on the server side: ALTER ROLE app SET jit = off (or ALTER DATABASE), or SET LOCAL inside the transactions that need it. application_name may stay.</source>
        <translation>Den Parameter aus server_settings entfernen und auf dem Server setzen: ALTER ROLE app SET jit = off (oder ALTER DATABASE), oder SET LOCAL in den Transaktionen, die ihn brauchen. application_name darf bleiben.</translation>
    </message>
    <message>
        <source>psycopg sends -c settings in options at connect</source>
        <translation>psycopg sendet -c-Einstellungen in options beim Verbindungsaufbau</translation>
    </message>
    <message>
        <source>A psycopg connection is given options with a -c setting of a parameter PgBouncer does not track (search_path, statement_timeout, …), which libpq sends as a startup parameter.</source>
        <translation>Eine psycopg-Verbindung erhält options mit einer -c-Einstellung für einen Parameter, den PgBouncer nicht verfolgt (search_path, statement_timeout, …); libpq sendet sie als Startparameter.</translation>
    </message>
    <message>
        <source>libpq passes the options keyword to the server in the startup message. PgBouncer reads the -c settings in it one by one and accepts only the parameters it tracks (application_name, TimeZone, DateStyle, IntervalStyle, client_encoding, standard_conforming_strings and those in track_extra_parameters); for any other it closes the connection with &quot;unsupported startup parameter in options&quot;. This covers options passed to psycopg&apos;s connect, through SQLAlchemy&apos;s connect_args, and in Django&apos;s DATABASES OPTIONS.</source>
        <translation>libpq übergibt das Schlüsselwort options in der Startnachricht an den Server. PgBouncer liest die -c-Einstellungen darin einzeln und nimmt nur die Parameter an, die er verfolgt (application_name, TimeZone, DateStyle, IntervalStyle, client_encoding, standard_conforming_strings und die in track_extra_parameters); bei jedem anderen schließt er die Verbindung mit „unsupported startup parameter in options“. Das gilt für options beim connect von psycopg, über connect_args von SQLAlchemy und in den DATABASES-OPTIONS von Django.</translation>
    </message>
    <message>
        <source>Remove the -c setting from options and set it on the server side: ALTER ROLE app SET statement_timeout = &apos;30s&apos; (or ALTER DATABASE), or SET LOCAL inside the transactions that need it. -c TimeZone and the other tracked parameters may stay.</source>
        <translation>Die -c-Einstellung aus options entfernen und auf dem Server setzen: ALTER ROLE app SET statement_timeout = &apos;30s&apos; (oder ALTER DATABASE), oder SET LOCAL in den Transaktionen, die sie brauchen. -c TimeZone und die anderen verfolgten Parameter dürfen bleiben.</translation>
    </message>
    <message>
        <source>LISTEN through Sequel&apos;s listen</source>
        <translation>LISTEN über listen von Sequel</translation>
    </message>
    <message>
        <source>Sequel&apos;s Database#listen runs LISTEN on a connection it takes from the Database&apos;s pool.</source>
        <translation>Database#listen von Sequel führt LISTEN auf einer Verbindung aus, die es aus dem Pool der Database nimmt.</translation>
    </message>
    <message>
        <source>Sequel&apos;s PostgreSQL adapter implements listen by checking out a connection, running LISTEN for the channels on it and waiting there for notifications. With the Database connected through a transaction pooler, the server connection behind that client connection is handed to other clients after the LISTEN, so the notifications reach whichever client holds it, or nobody.</source>
        <translation>Der PostgreSQL-Adapter von Sequel setzt listen um, indem er eine Verbindung entnimmt, darauf LISTEN für die Kanäle ausführt und dort auf Benachrichtigungen wartet. Ist die Database über einen Transaktions-Pooler verbunden, geht die Serververbindung hinter dieser Client-Verbindung nach dem LISTEN an andere Clients; Benachrichtigungen erreichen dann den Client, der sie gerade hält, oder niemanden.</translation>
    </message>
    <message>
        <source>Call listen on a second Sequel::Database whose URL goes straight to PostgreSQL (or to a session-mode pool); queries may keep going through the pooler.</source>
        <translation>listen auf einer zweiten Sequel::Database aufrufen, deren URL direkt zu PostgreSQL führt (oder zu einem Pool im Session-Modus); Abfragen dürfen weiter über den Pooler laufen.</translation>
    </message>
</context>
<context>
    <name>poolproof::ScanEngine</name>
    <message>
        <source>unknown pooler profile &quot;%1&quot;</source>
        <translation>unbekanntes Pooler-Profil „%1“</translation>
    </message>
</context>
<context>
    <name>poolproof::SecretStore</name>
    <message>
        <source>this build of PoolProof has no keychain support</source>
        <translation>dieser Build von PoolProof hat keine Schlüsselbund-Unterstützung</translation>
    </message>
</context>
<context>
    <name>poolproof::TextSources</name>
    <message>
        <source>Django hands DATABASES to psycopg, which uses libpq</source>
        <translation>Django übergibt DATABASES an psycopg, das libpq verwendet</translation>
    </message>
    <message>
        <source>used when %1 is not set</source>
        <translation>verwendet, wenn %1 nicht gesetzt ist</translation>
    </message>
    <message>
        <source>%1 is read by Prisma</source>
        <translation>%1 wird von Prisma gelesen</translation>
    </message>
    <message>
        <source>pooler settings not checked here: %1</source>
        <translation>Pooler-Einstellungen hier nicht geprüft: %1</translation>
    </message>
    <message>
        <source>%1 depends on %2</source>
        <translation>%1 hängt von %2 ab</translation>
    </message>
    <message>
        <source>%1: not valid JSON: %2</source>
        <translation>%1: kein gültiges JSON: %2</translation>
    </message>
</context>
<context>
    <name>poolproof::UrlAnalysis</name>
    <message>
        <source>This string is written for %1; libpq itself rejects it (libpq: %2), so psql, pg_dump and other libpq-based tools cannot use it as it is.</source>
        <translation>Diese Zeichenfolge ist für %1 geschrieben; libpq selbst lehnt sie ab (libpq: %2), daher können psql, pg_dump und andere libpq-basierte Werkzeuge sie so nicht verwenden.</translation>
    </message>
    <message>
        <source>Keep driver-only parameters in the driver&apos;s own configuration, or give libpq-based tools a separate URL without them.</source>
        <translation>Treiberspezifische Parameter in der eigenen Konfiguration des Treibers halten oder libpq-basierten Werkzeugen eine separate URL ohne sie geben.</translation>
    </message>
</context>
<context>
    <name>poolproof::UrlPolicy</name>
    <message>
        <source>port %1</source>
        <translation>Port %1</translation>
    </message>
    <message>
        <source>the host name contains &quot;%1&quot;</source>
        <translation>der Hostname enthält „%1“</translation>
    </message>
    <message>
        <source>pgbouncer=true</source>
        <translation>pgbouncer=true</translation>
    </message>
    <message>
        <source>The %1 application connects straight to the database although %2: it bypasses the pooler (no pooler port or pooler host in the URL).</source>
        <translation>Die Anwendung %1 verbindet sich direkt mit der Datenbank, obwohl %2: Sie umgeht den Pooler (kein Pooler-Port und kein Pooler-Host in der URL).</translation>
    </message>
    <message>
        <source>This migration URL goes through the transaction pooler (%1): migration tools take session advisory locks and run statements that need one server session.</source>
        <translation>Diese Migrations-URL geht über den Transaktions-Pooler (%1): Migrationswerkzeuge nehmen Advisory Locks auf Sitzungsebene und führen Anweisungen aus, die eine einzige Serversitzung brauchen.</translation>
    </message>
    <message>
        <source>Migrations also use this application URL (%1), and it goes through the transaction pooler (%2).</source>
        <translation>Migrationen verwenden auch diese Anwendungs-URL (%1), und sie geht über den Transaktions-Pooler (%2).</translation>
    </message>
    <message>
        <source>Production traffic is not protected by TLS (%1): the connection can fall back to plain text and nobody checks the server&apos;s identity.</source>
        <translation>Produktionsverkehr ist nicht durch TLS geschützt (%1): Die Verbindung kann auf Klartext zurückfallen, und niemand prüft die Identität des Servers.</translation>
    </message>
    <message>
        <source>TLS is used but the server&apos;s certificate is not checked against its host name (%1): a man in the middle can pose as the database.</source>
        <translation>TLS wird verwendet, aber das Zertifikat des Servers wird nicht gegen seinen Hostnamen geprüft (%1): Ein Man-in-the-Middle kann sich als die Datenbank ausgeben.</translation>
    </message>
    <message>
        <source>no TLS setting; the driver&apos;s default applies</source>
        <translation>keine TLS-Einstellung; es gilt der Standard des Treibers</translation>
    </message>
    <message>
        <source> node-postgres reads require, prefer and verify-ca as verify-full today, but will read them as libpq does in its next major version.</source>
        <translation> node-postgres liest require, prefer und verify-ca derzeit als verify-full, wird sie aber in seiner nächsten Hauptversion so lesen wie libpq.</translation>
    </message>
    <message>
        <source> lib/pq defaults to require, and its default changes to prefer.</source>
        <translation> lib/pq verwendet standardmäßig require, und dieser Standard ändert sich zu prefer.</translation>
    </message>
    <message>
        <source> Prisma has no verify modes: it checks certificates only with sslaccept=strict.</source>
        <translation> Prisma hat keine verify-Modi: Es prüft Zertifikate nur mit sslaccept=strict.</translation>
    </message>
    <message>
        <source> Trust Server Certificate=true turns every certificate check off.</source>
        <translation> Trust Server Certificate=true schaltet jede Zertifikatsprüfung ab.</translation>
    </message>
    <message>
        <source>The production URL has no host: libpq then connects to the local Unix socket.</source>
        <translation>Die Produktions-URL hat keinen Host: libpq verbindet sich dann mit dem lokalen Unix-Socket.</translation>
    </message>
    <message>
        <source>The production URL points at &quot;%1&quot;, which is this machine, not a database server.</source>
        <translation>Die Produktions-URL zeigt auf „%1“, also auf diesen Rechner, nicht auf einen Datenbankserver.</translation>
    </message>
    <message>
        <source>The %1 connection string holds a literal password, committed with the file.</source>
        <translation>Die Verbindungszeichenfolge %1 enthält ein literales Passwort, das mit der Datei eingecheckt ist.</translation>
    </message>
    <message>
        <source>The application logs in as &quot;postgres&quot;, the superuser.</source>
        <translation>Die Anwendung meldet sich als „postgres“ an, den Superuser.</translation>
    </message>
    <message>
        <source>The password is a well-known default password.</source>
        <translation>Das Passwort ist ein bekanntes Standardpasswort.</translation>
    </message>
    <message>
        <source>The application uses the &quot;%1&quot; database, which exists for maintenance, not for application data.</source>
        <translation>Die Anwendung verwendet die Datenbank „%1“, die für die Wartung da ist, nicht für Anwendungsdaten.</translation>
    </message>
    <message>
        <source>No connect timeout is set (%1): libpq waits for an unreachable server as long as the operating system lets it, and the application hangs at start-up or during failover.</source>
        <translation>Es ist kein Verbindungs-Timeout gesetzt (%1): libpq wartet auf einen nicht erreichbaren Server so lange, wie das Betriebssystem es zulässt, und die Anwendung hängt beim Start oder während eines Failovers.</translation>
    </message>
    <message>
        <source>%1=0 means &quot;wait forever&quot;.</source>
        <translation>%1=0 bedeutet „ewig warten“.</translation>
    </message>
    <message>
        <source>%1 below 2 seconds is raised to 2 by libpq.</source>
        <translation>%1 unter 2 Sekunden wird von libpq auf 2 angehoben.</translation>
    </message>
    <message>
        <source>No %1 is set: pg_stat_activity and the pooler&apos;s SHOW CLIENTS cannot tell this application&apos;s connections from others.</source>
        <translation>Kein %1 gesetzt: pg_stat_activity und SHOW CLIENTS des Poolers können die Verbindungen dieser Anwendung nicht von anderen unterscheiden.</translation>
    </message>
    <message>
        <source>The URL asks for TLS, but the pooler does not accept TLS from clients (client_tls_sslmode is disable in %1): the connection fails.</source>
        <translation>Die URL verlangt TLS, aber der Pooler akzeptiert kein TLS von Clients (client_tls_sslmode ist in %1 auf disable gesetzt): Die Verbindung scheitert.</translation>
    </message>
    <message>
        <source>pgbouncer=true is not needed on %1, which keeps protocol-level prepared statements; without it Prisma keeps its statement cache.</source>
        <translation>pgbouncer=true ist auf %1 nicht nötig, da er vorbereitete Anweisungen auf Protokollebene behält; ohne den Parameter behält Prisma seinen Anweisungscache.</translation>
    </message>
    <message>
        <source>Prisma uses named prepared statements, which %1 does not keep between transactions (prepared statement &quot;s0&quot; already exists); the URL needs pgbouncer=true.</source>
        <translation>Prisma verwendet benannte vorbereitete Anweisungen, die %1 nicht über Transaktionen hinweg behält (prepared statement &quot;s0&quot; already exists); die URL braucht pgbouncer=true.</translation>
    </message>
    <message>
        <source>Add pgbouncer=true to the pooled URL.</source>
        <translation>pgbouncer=true zur gepoolten URL hinzufügen.</translation>
    </message>
    <message>
        <source>pgjdbc switches to named server-side statements after 5 executions (prepareThreshold=5), which %1 does not keep (prepared statement &quot;S_1&quot; does not exist).</source>
        <translation>pgjdbc schaltet nach 5 Ausführungen auf benannte serverseitige Anweisungen um (prepareThreshold=5), die %1 nicht behält (prepared statement &quot;S_1&quot; does not exist).</translation>
    </message>
    <message>
        <source>Add prepareThreshold=0 to the JDBC URL.</source>
        <translation>prepareThreshold=0 zur JDBC-URL hinzufügen.</translation>
    </message>
    <message>
        <source>default_query_exec_mode=describe_exec prepares a statement and executes it in separate steps that a transaction pooler may send to different server connections; it is never safe behind one.</source>
        <translation>default_query_exec_mode=describe_exec bereitet eine Anweisung vor und führt sie in getrennten Schritten aus, die ein Transaktions-Pooler an verschiedene Serververbindungen senden kann; hinter einem solchen Pooler ist das nie sicher.</translation>
    </message>
    <message>
        <source>pgx caches named prepared statements by default (cache_statement), which %1 does not keep.</source>
        <translation>pgx speichert benannte vorbereitete Anweisungen standardmäßig im Cache (cache_statement), die %1 nicht behält.</translation>
    </message>
    <message>
        <source>Set default_query_exec_mode=exec (or cache_describe, or simple_protocol).</source>
        <translation>default_query_exec_mode=exec setzen (oder cache_describe oder simple_protocol).</translation>
    </message>
    <message>
        <source>SQLAlchemy&apos;s asyncpg dialect caches named prepared statements, which %1 does not keep (prepared statement &quot;__asyncpg_stmt_1__&quot; does not exist).</source>
        <translation>Der asyncpg-Dialekt von SQLAlchemy speichert benannte vorbereitete Anweisungen im Cache, die %1 nicht behält (prepared statement &quot;__asyncpg_stmt_1__&quot; does not exist).</translation>
    </message>
    <message>
        <source>Add prepared_statement_cache_size=0 to the URL and pass statement_cache_size=0 in connect_args.</source>
        <translation>prepared_statement_cache_size=0 zur URL hinzufügen und statement_cache_size=0 in connect_args übergeben.</translation>
    </message>
    <message>
        <source>postgres.js prepares named statements by default (prepare: true), which %1 does not keep.</source>
        <translation>postgres.js bereitet standardmäßig benannte Anweisungen vor (prepare: true), die %1 nicht behält.</translation>
    </message>
    <message>
        <source>Add prepare=false to the URL or pass { prepare: false } to postgres().</source>
        <translation>prepare=false zur URL hinzufügen oder { prepare: false } an postgres() übergeben.</translation>
    </message>
    <message>
        <source>Max Auto Prepare makes Npgsql prepare named statements automatically, which %1 does not keep.</source>
        <translation>Max Auto Prepare lässt Npgsql benannte Anweisungen automatisch vorbereiten, die %1 nicht behält.</translation>
    </message>
    <message>
        <source>Set Max Auto Prepare=0 for the pooled connection string.</source>
        <translation>Max Auto Prepare=0 für die gepoolte Verbindungszeichenfolge setzen.</translation>
    </message>
    <message>
        <source>Npgsql resets every connection it returns to its pool with DISCARD ALL, which %1 does not understand in transaction mode.</source>
        <translation>Npgsql setzt jede Verbindung, die es an seinen Pool zurückgibt, mit DISCARD ALL zurück, was %1 im Transaktionsmodus nicht versteht.</translation>
    </message>
    <message>
        <source>Add No Reset On Close=true (or Pooling=false) to the pooled connection string.</source>
        <translation>No Reset On Close=true (oder Pooling=false) zur gepoolten Verbindungszeichenfolge hinzufügen.</translation>
    </message>
    <message>
        <source>Rails prepares statements by default (prepared_statements: true), which %1 does not keep.</source>
        <translation>Rails bereitet Anweisungen standardmäßig vor (prepared_statements: true), die %1 nicht behält.</translation>
    </message>
    <message>
        <source>Set prepared_statements: false for the pooled database.</source>
        <translation>prepared_statements: false für die gepoolte Datenbank setzen.</translation>
    </message>
    <message>
        <source>Rails takes a session advisory lock while migrating, and this database config goes through the transaction pooler without advisory_locks: false.</source>
        <translation>Rails nimmt beim Migrieren einen Advisory Lock auf Sitzungsebene, und diese Datenbankkonfiguration geht ohne advisory_locks: false über den Transaktions-Pooler.</translation>
    </message>
    <message>
        <source>%1 sends &quot;%2&quot; as a startup parameter, and PgBouncer refuses it (unsupported startup parameter: %2) unless it is listed in ignore_startup_parameters.</source>
        <translation>%1 sendet „%2“ als Startparameter, und PgBouncer lehnt ihn ab (unsupported startup parameter: %2), sofern er nicht in ignore_startup_parameters aufgeführt ist.</translation>
    </message>
    <message>
        <source>The options parameter sets &quot;%1&quot;, which PgBouncer does not track: it refuses the connection (unsupported startup parameter in options: %1).</source>
        <translation>Der Parameter options setzt „%1“, das PgBouncer nicht verfolgt: Er lehnt die Verbindung ab (unsupported startup parameter in options: %1).</translation>
    </message>
    <message>
        <source>Drop &quot;%1&quot; from the connection string and set it per transaction (SET LOCAL) or on the role (ALTER ROLE ... SET), or add it to ignore_startup_parameters.</source>
        <translation>„%1“ aus der Verbindungszeichenfolge entfernen und pro Transaktion (SET LOCAL) oder an der Rolle (ALTER ROLE ... SET) setzen oder zu ignore_startup_parameters hinzufügen.</translation>
    </message>
</context>
<context>
    <name>poolproof::YamlReader</name>
    <message>
        <source>line %1: not understood, skipped</source>
        <translation>Zeile %1: nicht verstanden, übersprungen</translation>
    </message>
    <message>
        <source>line %1: unknown alias *%2</source>
        <translation>Zeile %1: unbekannter Alias *%2</translation>
    </message>
</context>
<context>
    <name>poolproof::YamlSources</name>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>from %1 %2, key %3</source>
        <translation>aus %1 %2, Schlüssel %3</translation>
    </message>
    <message>
        <source>config/database.yml is read by Rails through the pg gem (libpq)</source>
        <translation>config/database.yml wird von Rails über das pg-Gem (libpq) gelesen</translation>
    </message>
    <message>
        <source>Spring Boot reads spring.datasource.url with pgjdbc</source>
        <translation>Spring Boot liest spring.datasource.url mit pgjdbc</translation>
    </message>
</context>
<context>
    <name>poolproof::cli</name>
    <message>
        <source>error: %1</source>
        <translation>Fehler: %1</translation>
    </message>
    <message>
        <source>%1 or %2</source>
        <translation>%1 oder %2</translation>
    </message>
    <message>
        <source>unknown format &quot;%1&quot; (use %2)</source>
        <translation>unbekanntes Format „%1“ (%2 verwenden)</translation>
    </message>
    <message>
        <source>unknown pooler profile &quot;%1&quot; (known: %2)</source>
        <translation>unbekanntes Pooler-Profil „%1“ (bekannt: %2)</translation>
    </message>
    <message>
        <source>severity</source>
        <translation>Schweregrad</translation>
    </message>
    <message>
        <source>unknown severity &quot;%1&quot; for --fail-on (use error, warning, info or none)</source>
        <translation>unbekannter Schweregrad „%1“ für --fail-on (error, warning, info oder none verwenden)</translation>
    </message>
    <message>
        <source>Also read this dotenv file, e.g. deployment secrets kept outside the repository; NAME=FILE names its environment. May be repeated.</source>
        <translation>Zusätzlich diese dotenv-Datei lesen, z. B. Deployment-Secrets außerhalb des Repositorys; NAME=DATEI benennt ihre Umgebung. Kann wiederholt werden.</translation>
    </message>
    <message>
        <source>[name=]file</source>
        <translation>[Name=]Datei</translation>
    </message>
    <message>
        <source>warning: %1</source>
        <translation>Warnung: %1</translation>
    </message>
</context>
<context>
    <name>poolproof::cli::Audit</name>
    <message>
        <source>cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Scans a repository, checks its environments&apos; connection strings, and exports the audit.</source>
        <translation>Scannt ein Repository, prüft die Verbindungszeichenfolgen seiner Umgebungen und exportiert das Audit.</translation>
    </message>
    <message>
        <source>Pooler profile (default: the project file&apos;s, else PgBouncer 1.24 or later).</source>
        <translation>Pooler-Profil (Standard: das der Projektdatei, sonst PgBouncer 1.24 oder neuer).</translation>
    </message>
    <message>
        <source>profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <source>Write DATABASE.md to FILE.</source>
        <translation>DATABASE.md nach DATEI schreiben.</translation>
    </message>
    <message>
        <source>file</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Use FILE as the DATABASE.md template.</source>
        <translation>DATEI als Vorlage für DATABASE.md verwenden.</translation>
    </message>
    <message>
        <source>Write the audit as JSON to FILE.</source>
        <translation>Das Audit als JSON nach DATEI schreiben.</translation>
    </message>
    <message>
        <source>Write the findings as SARIF 2.1.0 to FILE.</source>
        <translation>Die Befunde als SARIF 2.1.0 nach DATEI schreiben.</translation>
    </message>
    <message>
        <source>Write a self-contained HTML report to FILE.</source>
        <translation>Einen eigenständigen HTML-Bericht nach DATEI schreiben.</translation>
    </message>
    <message>
        <source>The audit date to print, YYYY-MM-DD (default: today).</source>
        <translation>Das auszugebende Audit-Datum, JJJJ-MM-TT (Standard: heute).</translation>
    </message>
    <message>
        <source>date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Exit with 1 when a finding reaches this severity: error, warning, info or none.</source>
        <translation>Mit 1 beenden, wenn ein Befund diesen Schweregrad erreicht: error, warning, info oder none.</translation>
    </message>
    <message>
        <source>The repository to audit.</source>
        <translation>Das zu prüfende Repository.</translation>
    </message>
    <message>
        <source>no path given: poolproof-cli audit PATH --export DATABASE.md</source>
        <translation>kein Pfad angegeben: poolproof-cli audit PFAD --export DATABASE.md</translation>
    </message>
    <message>
        <source>audit takes one path, %1 were given</source>
        <translation>audit nimmt einen Pfad, angegeben wurden %1</translation>
    </message>
    <message>
        <source>--date needs a date as YYYY-MM-DD, not &quot;%1&quot;</source>
        <translation>--date braucht ein Datum im Format JJJJ-MM-TT, nicht „%1“</translation>
    </message>
    <message>
        <source>cannot read the template %1: %2</source>
        <translation>die Vorlage %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>warning: the template&apos;s placeholder {{%1}} is unknown and was left as it is</source>
        <translation>Warnung: der Platzhalter {{%1}} der Vorlage ist unbekannt und wurde unverändert gelassen</translation>
    </message>
    <message>
        <source>%1: %2 (pooler: %3)</source>
        <translation>%1: %2 (Pooler: %3)</translation>
    </message>
    <message>
        <source>wrote %1</source>
        <translation>%1 geschrieben</translation>
    </message>
    <message>
        <source>findings in code and environments: %1 errors, %2 warnings, %3 for information, %4 suppressed; environments: %5</source>
        <translation>Befunde in Code und Umgebungen: %1 Fehler, %2 Warnungen, %3 zur Information, %4 unterdrückt; Umgebungen: %5</translation>
    </message>
</context>
<context>
    <name>poolproof::cli::CheckLive</name>
    <message>
        <source>the environment variable %1 is not set</source>
        <translation>die Umgebungsvariable %1 ist nicht gesetzt</translation>
    </message>
    <message>
        <source>no environment &quot;%1&quot; in %2 (found: %3)</source>
        <translation>keine Umgebung „%1“ in %2 (gefunden: %3)</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>environment &quot;%1&quot; has no connection string</source>
        <translation>die Umgebung „%1“ hat keine Verbindungszeichenfolge</translation>
    </message>
    <message>
        <source>environment &quot;%1&quot; defines its connection string elsewhere (%2): set the variable or pass the URL with --url</source>
        <translation>die Umgebung „%1“ definiert ihre Verbindungszeichenfolge anderswo (%2): die Variable setzen oder die URL mit --url übergeben</translation>
    </message>
    <message>
        <source>Environment of the repository at PATH whose URL to check.</source>
        <translation>Umgebung des Repositorys unter PFAD, deren URL geprüft werden soll.</translation>
    </message>
    <message>
        <source>name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Connection string to check (instead of --env).</source>
        <translation>Zu prüfende Verbindungszeichenfolge (statt --env).</translation>
    </message>
    <message>
        <source>url</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Environment variable that holds the password.</source>
        <translation>Umgebungsvariable, die das Passwort enthält.</translation>
    </message>
    <message>
        <source>var</source>
        <translation>Variable</translation>
    </message>
    <message>
        <source>User for PgBouncer&apos;s admin console (database pgbouncer).</source>
        <translation>Benutzer für die Admin-Konsole von PgBouncer (Datenbank pgbouncer).</translation>
    </message>
    <message>
        <source>user</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>Environment variable that holds the admin console&apos;s password.</source>
        <translation>Umgebungsvariable, die das Passwort der Admin-Konsole enthält.</translation>
    </message>
    <message>
        <source>Connect and statement timeout in seconds (default 5, at least 2).</source>
        <translation>Timeout für Verbindungsaufbau und Anweisungen in Sekunden (Standard 5, mindestens 2).</translation>
    </message>
    <message>
        <source>seconds</source>
        <translation>Sekunden</translation>
    </message>
    <message>
        <source>Connections each application instance opens at most (default: the largest pool size set in the code, with --env).</source>
        <translation>Verbindungen, die jede Anwendungsinstanz höchstens öffnet (Standard: die größte im Code gesetzte Poolgröße, mit --env).</translation>
    </message>
    <message>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <source>Application instances (default: the project file&apos;s, else 1).</source>
        <translation>Anwendungsinstanzen (Standard: die der Projektdatei, sonst 1).</translation>
    </message>
    <message>
        <source>Output format: text or json.</source>
        <translation>Ausgabeformat: text oder json.</translation>
    </message>
    <message>
        <source>format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>Pooler profile the static findings assume until the live check finds the real one.</source>
        <translation>Pooler-Profil, das die statischen Befunde annehmen, bis die Live-Prüfung das tatsächliche findet.</translation>
    </message>
    <message>
        <source>profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <source>With --env: do not scan the repository&apos;s code.</source>
        <translation>Mit --env: den Code des Repositorys nicht scannen.</translation>
    </message>
    <message>
        <source>Exit with 1 when a mismatch reaches this severity: error (default), warning, info or none. A check that cannot connect counts as an error.</source>
        <translation>Mit 1 beenden, wenn eine Abweichung diesen Schweregrad erreicht: error (Standard), warning, info oder none. Eine Prüfung, die keine Verbindung aufbauen kann, zählt als Fehler.</translation>
    </message>
    <message>
        <source>Repository whose environment --env names.</source>
        <translation>Repository, dessen Umgebung --env benennt.</translation>
    </message>
    <message>
        <source>[PATH]</source>
        <translation>[PFAD]</translation>
    </message>
    <message>
        <source>--%1 needs a whole number of at least %2, not &quot;%3&quot;</source>
        <translation>--%1 braucht eine ganze Zahl von mindestens %2, nicht „%3“</translation>
    </message>
    <message>
        <source>give either --url URL or --env NAME PATH</source>
        <translation>entweder --url URL oder --env NAME PFAD angeben</translation>
    </message>
    <message>
        <source>--env needs the repository: check-live --env NAME PATH</source>
        <translation>--env braucht das Repository: check-live --env NAME PFAD</translation>
    </message>
    <message>
        <source>%1 is not a folder</source>
        <translation>%1 ist kein Ordner</translation>
    </message>
    <message>
        <source>--url takes no PATH</source>
        <translation>--url nimmt keinen PFAD</translation>
    </message>
    <message>
        <source>Password for %1: </source>
        <translation>Passwort für %1: </translation>
    </message>
    <message>
        <source>Password for PgBouncer&apos;s admin console (%1): </source>
        <translation>Passwort für die Admin-Konsole von PgBouncer (%1): </translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>endpoint: %1:%2, database %3, user %4</source>
        <translation>Endpunkt: %1:%2, Datenbank %3, Benutzer %4</translation>
    </message>
    <message>
        <source>reachable: %1</source>
        <translation>erreichbar: %1</translation>
    </message>
    <message>
        <source>connection failed (%1): %2</source>
        <translation>Verbindung gescheitert (%1): %2</translation>
    </message>
    <message>
        <source>reachable: yes, connected in %1 ms</source>
        <translation>erreichbar: ja, verbunden in %1 ms</translation>
    </message>
    <message>
        <source>TLS: %1</source>
        <translation>TLS: %1</translation>
    </message>
    <message>
        <source>not in use</source>
        <translation>nicht verwendet</translation>
    </message>
    <message>
        <source>server version: %1</source>
        <translation>Serverversion: %1</translation>
    </message>
    <message>
        <source>round trip: %1 ms</source>
        <translation>Roundtrip: %1 ms</translation>
    </message>
    <message>
        <source>pooler: %1 (%2)</source>
        <translation>Pooler: %1 (%2)</translation>
    </message>
    <message>
        <source>databases:</source>
        <translation>Datenbanken:</translation>
    </message>
    <message>
        <source>global</source>
        <translation>global</translation>
    </message>
    <message>
        <source>pool mode for database %1: %2</source>
        <translation>Pool-Modus für Datenbank %1: %2</translation>
    </message>
    <message>
        <source>effective pooler profile: %1</source>
        <translation>wirksames Pooler-Profil: %1</translation>
    </message>
    <message>
        <source>application pool size: %1 (%2)</source>
        <translation>Poolgröße der Anwendung: %1 (%2)</translation>
    </message>
    <message>
        <source>replay (%1):</source>
        <translation>Nachstellung (%1):</translation>
    </message>
    <message>
        <source>[server process %1]</source>
        <translation>[Serverprozess %1]</translation>
    </message>
    <message>
        <source>the replay failed: %1</source>
        <translation>die Nachstellung ist gescheitert: %1</translation>
    </message>
    <message>
        <source>fix: %1</source>
        <translation>Behebung: %1</translation>
    </message>
    <message numerus="yes">
        <source>static findings graded for %1: %n changed severity</source>
        <translation>
            <numerusform>statische Befunde für %1 eingestuft: %n mit geändertem Schweregrad</numerusform>
            <numerusform>statische Befunde für %1 eingestuft: %n mit geändertem Schweregrad</numerusform>
        </translation>
    </message>
    <message>
        <source>not checked: %1</source>
        <translation>nicht geprüft: %1</translation>
    </message>
    <message>
        <source>verdict: %1 (%2 ms)</source>
        <translation>Bewertung: %1 (%2 ms)</translation>
    </message>
    <message>
        <source>left behind: %1</source>
        <translation>zurückgelassen: %1</translation>
    </message>
    <message>
        <source>Connects to a database or pooler with Qt&apos;s PostgreSQL driver and reports reachability, TLS, server version and round-trip time. Through PgBouncer&apos;s admin console it reads the version and settings, maps them to a pooler profile and flags what does not fit the code. Passwords are asked for, or read from an environment variable you name, or with --keychain from the system keychain; they are never printed, and never stored anywhere but in that keychain.</source>
        <translation>Verbindet sich mit dem PostgreSQL-Treiber von Qt mit einer Datenbank oder einem Pooler und meldet Erreichbarkeit, TLS, Serverversion und Roundtrip-Zeit. Über die Admin-Konsole von PgBouncer liest es Version und Einstellungen, ordnet sie einem Pooler-Profil zu und markiert, was nicht zum Code passt. Passwörter werden abgefragt, aus einer von Ihnen genannten Umgebungsvariablen gelesen oder mit --keychain aus dem Schlüsselbund des Systems genommen; sie werden nie ausgegeben und nirgends außer in diesem Schlüsselbund gespeichert.</translation>
    </message>
    <message>
        <source>Take passwords not given otherwise from the system keychain, and keep there those that logged in.</source>
        <translation>Nicht anders angegebene Passwörter aus dem Schlüsselbund des Systems nehmen und dort die aufbewahren, mit denen die Anmeldung gelang.</translation>
    </message>
    <message>
        <source>the system keychain could not be asked: %1</source>
        <translation>der Schlüsselbund des Systems konnte nicht abgefragt werden: %1</translation>
    </message>
    <message>
        <source>the system keychain could not keep the password: %1</source>
        <translation>der Schlüsselbund des Systems konnte das Passwort nicht aufbewahren: %1</translation>
    </message>
    <message>
        <source>Replay a session SET and a LISTEN through the pooler with two clients. It changes session state on a shared server connection: disposable databases only.</source>
        <translation>Ein Sitzungs-SET und ein LISTEN mit zwei Clients durch den Pooler nachspielen. Das ändert den Sitzungszustand auf einer geteilten Serververbindung: nur für Wegwerf-Datenbanken.</translation>
    </message>
</context>
<context>
    <name>poolproof::cli::CheckUrl</name>
    <message>
        <source>Parses connection strings exactly as libpq does (and as the driver that reads them does), then checks them against the policy of an environment and a pooler profile. Passwords are always masked.</source>
        <translation>Parst Verbindungszeichenfolgen genau so, wie libpq es tut (und wie der Treiber, der sie liest), und prüft sie dann gegen die Richtlinie einer Umgebung und ein Pooler-Profil. Passwörter werden immer maskiert.</translation>
    </message>
    <message>
        <source>Environment whose policy applies: production (default), staging, development, test, or any name.</source>
        <translation>Umgebung, deren Richtlinie gilt: production (Standard), staging, development, test oder ein beliebiger Name.</translation>
    </message>
    <message>
        <source>name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Pooler profile (see resources/poolers.json).</source>
        <translation>Pooler-Profil (siehe resources/poolers.json).</translation>
    </message>
    <message>
        <source>profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <source>Output format: text or json.</source>
        <translation>Ausgabeformat: text oder json.</translation>
    </message>
    <message>
        <source>format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>The libpq major version the strings must work with (default: the linked one).</source>
        <translation>Die libpq-Hauptversion, mit der die Zeichenfolgen funktionieren müssen (Standard: die gelinkte).</translation>
    </message>
    <message>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <source>What the strings are used for: application (default) or migration.</source>
        <translation>Wofür die Zeichenfolgen verwendet werden: application (Standard) oder migration.</translation>
    </message>
    <message>
        <source>role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>The driver that reads the strings, e.g. libpq, prisma, pgx, node-postgres, jdbc, npgsql.</source>
        <translation>Der Treiber, der die Zeichenfolgen liest, z. B. libpq, prisma, pgx, node-postgres, jdbc, npgsql.</translation>
    </message>
    <message>
        <source>driver</source>
        <translation>Treiber</translation>
    </message>
    <message>
        <source>The application is expected to connect through a pooler.</source>
        <translation>Von der Anwendung wird erwartet, dass sie sich über einen Pooler verbindet.</translation>
    </message>
    <message>
        <source>Connection strings to check; - reads them from standard input, one a line.</source>
        <translation>Zu prüfende Verbindungszeichenfolgen; - liest sie von der Standardeingabe, eine pro Zeile.</translation>
    </message>
    <message>
        <source>URL...</source>
        <translation>URL...</translation>
    </message>
    <message>
        <source>--libpq-version needs a major version such as 15, not &quot;%1&quot;</source>
        <translation>--libpq-version braucht eine Hauptversion wie 15, nicht „%1“</translation>
    </message>
    <message>
        <source>unknown driver &quot;%1&quot;</source>
        <translation>unbekannter Treiber „%1“</translation>
    </message>
    <message>
        <source>given with --driver</source>
        <translation>mit --driver angegeben</translation>
    </message>
    <message>
        <source>unknown role &quot;%1&quot; (use application or migration)</source>
        <translation>unbekannte Rolle „%1“ (application oder migration verwenden)</translation>
    </message>
    <message>
        <source>--expect-pooler was given</source>
        <translation>--expect-pooler wurde angegeben</translation>
    </message>
    <message>
        <source>cannot read standard input: %1</source>
        <translation>die Standardeingabe kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>no connection string given (pass them as arguments, or - to read standard input)</source>
        <translation>keine Verbindungszeichenfolge angegeben (als Argumente übergeben oder - zum Lesen der Standardeingabe)</translation>
    </message>
    <message>
        <source>the whole value is a reference: defined elsewhere, nothing to check</source>
        <translation>der ganze Wert ist ein Verweis: anderswo definiert, nichts zu prüfen</translation>
    </message>
    <message>
        <source>libpq %1</source>
        <translation>libpq %1</translation>
    </message>
    <message>
        <source>%1: accepts</source>
        <translation>%1: akzeptiert</translation>
    </message>
    <message>
        <source>%1: rejects (%2)</source>
        <translation>%1: lehnt ab (%2)</translation>
    </message>
    <message>
        <source>%1: accepts (%2)</source>
        <translation>%1: akzeptiert (%2)</translation>
    </message>
    <message>
        <source>through a pooler (%1)</source>
        <translation>über einen Pooler (%1)</translation>
    </message>
    <message>
        <source>Exit with 1 when a finding reaches this severity: error (default), warning, info or none.</source>
        <translation>Mit 1 beenden, wenn ein Befund diesen Schweregrad erreicht: error (Standard), warning, info oder none.</translation>
    </message>
</context>
<context>
    <name>poolproof::cli::Envs</name>
    <message>
        <source>Lists a repository&apos;s environments (from .poolproof.json, .env files, compose files, Kubernetes and Helm, Rails, Django, Prisma, Spring and pgbouncer.ini), their connection strings with passwords masked, where each is set, and what is wrong with them.</source>
        <translation>Listet die Umgebungen eines Repositorys auf (aus .poolproof.json, .env-Dateien, Compose-Dateien, Kubernetes und Helm, Rails, Django, Prisma, Spring und pgbouncer.ini), ihre Verbindungszeichenfolgen mit maskierten Passwörtern, wo jede gesetzt ist und was an ihnen falsch ist.</translation>
    </message>
    <message>
        <source>Pooler profile (default: the project file&apos;s, or inferred).</source>
        <translation>Pooler-Profil (Standard: das der Projektdatei oder ein erschlossenes).</translation>
    </message>
    <message>
        <source>profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <source>Output format: text or json.</source>
        <translation>Ausgabeformat: text oder json.</translation>
    </message>
    <message>
        <source>format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>The libpq major version the strings must work with (default: the linked one).</source>
        <translation>Die libpq-Hauptversion, mit der die Zeichenfolgen funktionieren müssen (Standard: die gelinkte).</translation>
    </message>
    <message>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <source>The repository to look at.</source>
        <translation>Das zu untersuchende Repository.</translation>
    </message>
    <message>
        <source>PATH</source>
        <translation>PFAD</translation>
    </message>
    <message>
        <source>--libpq-version needs a major version such as 15, not &quot;%1&quot;</source>
        <translation>--libpq-version braucht eine Hauptversion wie 15, nicht „%1“</translation>
    </message>
    <message>
        <source>no repository given</source>
        <translation>kein Repository angegeben</translation>
    </message>
    <message>
        <source>give exactly one repository</source>
        <translation>genau ein Repository angeben</translation>
    </message>
    <message>
        <source>%1 is not a folder</source>
        <translation>%1 ist kein Ordner</translation>
    </message>
    <message>
        <source>Pooler profile: %1 (%2)</source>
        <translation>Pooler-Profil: %1 (%2)</translation>
    </message>
    <message>
        <source>No environments found.</source>
        <translation>Keine Umgebungen gefunden.</translation>
    </message>
    <message>
        <source>(pooler expected: %1)</source>
        <translation>(Pooler erwartet: %1)</translation>
    </message>
    <message>
        <source>no connection settings found</source>
        <translation>keine Verbindungseinstellungen gefunden</translation>
    </message>
    <message>
        <source>defined elsewhere: %1</source>
        <translation>anderswo definiert: %1</translation>
    </message>
    <message>
        <source>left empty here</source>
        <translation>hier leer gelassen</translation>
    </message>
    <message>
        <source>libpq accepts</source>
        <translation>libpq akzeptiert</translation>
    </message>
    <message>
        <source>libpq rejects: %1</source>
        <translation>libpq lehnt ab: %1</translation>
    </message>
    <message>
        <source>%1 rejects: %2</source>
        <translation>%1 lehnt ab: %2</translation>
    </message>
    <message>
        <source>through the pooler (%1)</source>
        <translation>über den Pooler (%1)</translation>
    </message>
    <message>
        <source>direct</source>
        <translation>direkt</translation>
    </message>
    <message>
        <source>verdict: %1</source>
        <translation>Bewertung: %1</translation>
    </message>
    <message>
        <source>Findings:</source>
        <translation>Befunde:</translation>
    </message>
    <message numerus="yes">
        <source>%n environment(s)</source>
        <translation>
            <numerusform>%n Umgebung</numerusform>
            <numerusform>%n Umgebungen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n Fehler</numerusform>
            <numerusform>%n Fehler</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n Warnung</numerusform>
            <numerusform>%n Warnungen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n info(s)</source>
        <translation>
            <numerusform>%n Hinweis</numerusform>
            <numerusform>%n Hinweise</numerusform>
        </translation>
    </message>
    <message>
        <source>Exit with 1 when a finding reaches this severity: error (default), warning, info or none.</source>
        <translation>Mit 1 beenden, wenn ein Befund diesen Schweregrad erreicht: error (Standard), warning, info oder none.</translation>
    </message>
</context>
<context>
    <name>poolproof::cli::Scan</name>
    <message numerus="yes">
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n Fehler</numerusform>
            <numerusform>%n Fehler</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n Warnung</numerusform>
            <numerusform>%n Warnungen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n info finding(s)</source>
        <translation>
            <numerusform>%n Info-Befund</numerusform>
            <numerusform>%n Info-Befunde</numerusform>
        </translation>
    </message>
    <message>
        <source>%1; %2 suppressed; %3 of %4 files scanned (%5 MB) in %6 s; pooler: %7</source>
        <translation>%1; %2 unterdrückt; %3 von %4 Dateien gescannt (%5 MB) in %6 s; Pooler: %7</translation>
    </message>
    <message>
        <source>(cancelled: the result is incomplete)</source>
        <translation>(abgebrochen: das Ergebnis ist unvollständig)</translation>
    </message>
    <message>
        <source>(confidence: %1)</source>
        <translation>(Konfidenz: %1)</translation>
    </message>
    <message>
        <source>(suppressed: %1)</source>
        <translation>(unterdrückt: %1)</translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation>keine Begründung angegeben</translation>
    </message>
    <message>
        <source>fix: %1</source>
        <translation>Behebung: %1</translation>
    </message>
    <message>
        <source>note: %1</source>
        <translation>Hinweis: %1</translation>
    </message>
    <message>
        <source>Scans a repository for code that breaks behind a transaction-mode pooler.</source>
        <translation>Durchsucht ein Repository nach Code, der hinter einem Pooler im Transaktionsmodus bricht.</translation>
    </message>
    <message>
        <source>Pooler profile (see --list-poolers).</source>
        <translation>Pooler-Profil (siehe --list-poolers).</translation>
    </message>
    <message>
        <source>profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <source>Output format: text, json or sarif.</source>
        <translation>Ausgabeformat: text, json oder sarif.</translation>
    </message>
    <message>
        <source>format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>Write the report to FILE instead of standard output.</source>
        <translation>Den Bericht nach DATEI statt in die Standardausgabe schreiben.</translation>
    </message>
    <message>
        <source>file</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Exit with 1 when a finding reaches this severity: error, warning, info or none.</source>
        <translation>Mit 1 beenden, wenn ein Befund diesen Schweregrad erreicht: error, warning, info oder none.</translation>
    </message>
    <message>
        <source>Worker threads (default: one per core).</source>
        <translation>Worker-Threads (Standard: einer pro Kern).</translation>
    </message>
    <message>
        <source>n</source>
        <translation>n</translation>
    </message>
    <message>
        <source>Skip paths matching GLOB (repeatable).</source>
        <translation>Pfade überspringen, die auf GLOB passen (wiederholbar).</translation>
    </message>
    <message>
        <source>glob</source>
        <translation>Glob</translation>
    </message>
    <message>
        <source>Skip files larger than this many MB (default 32).</source>
        <translation>Dateien überspringen, die größer als so viele MB sind (Standard 32).</translation>
    </message>
    <message>
        <source>mb</source>
        <translation>MB</translation>
    </message>
    <message>
        <source>Do not honour .gitignore and git&apos;s exclude files.</source>
        <translation>.gitignore und die exclude-Dateien von git nicht berücksichtigen.</translation>
    </message>
    <message>
        <source>Also scan node_modules, vendor, dist, build and minified bundles.</source>
        <translation>Auch node_modules, vendor, dist, build und minifizierte Bundles scannen.</translation>
    </message>
    <message>
        <source>List suppressed findings in text output.</source>
        <translation>Unterdrückte Befunde in der Textausgabe auflisten.</translation>
    </message>
    <message>
        <source>List the pooler profiles and exit.</source>
        <translation>Die Pooler-Profile auflisten und beenden.</translation>
    </message>
    <message>
        <source>The repository or folder to scan.</source>
        <translation>Das zu scannende Repository oder der zu scannende Ordner.</translation>
    </message>
    <message>
        <source>(default)</source>
        <translation>(Standard)</translation>
    </message>
    <message>
        <source>no path given: poolproof-cli scan PATH</source>
        <translation>kein Pfad angegeben: poolproof-cli scan PFAD</translation>
    </message>
    <message>
        <source>scan takes one path, %1 were given</source>
        <translation>scan nimmt einen Pfad, angegeben wurden %1</translation>
    </message>
    <message>
        <source>--jobs needs a number from 1 to 256</source>
        <translation>--jobs braucht eine Zahl von 1 bis 256</translation>
    </message>
    <message>
        <source>--max-file-size needs a positive number of megabytes</source>
        <translation>--max-file-size braucht eine positive Anzahl Megabyte</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>compared with %1: %2 hidden, %3 fixed</source>
        <translation>verglichen mit %1: %2 ausgeblendet, %3 behoben</translation>
    </message>
    <message numerus="yes">
        <source>%n unchanged finding(s)</source>
        <translation>
            <numerusform>%n unveränderter Befund</numerusform>
            <numerusform>%n unveränderte Befunde</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n finding(s)</source>
        <translation>
            <numerusform>%n Befund</numerusform>
            <numerusform>%n Befunde</numerusform>
        </translation>
    </message>
    <message>
        <source>Report only findings that are not in FILE, an earlier JSON or SARIF report of this command (or an audit&apos;s JSON).</source>
        <translation>Nur Befunde melden, die nicht in DATEI stehen, einem früheren JSON- oder SARIF-Bericht dieses Befehls (oder dem JSON eines Audits).</translation>
    </message>
    <message>
        <source>Report only findings that are not in the latest recorded scan of this folder with the same pooler profile.</source>
        <translation>Nur Befunde melden, die nicht im letzten gespeicherten Scan dieses Ordners mit demselben Pooler-Profil stehen.</translation>
    </message>
    <message>
        <source>Store this scan in the audit history.</source>
        <translation>Diesen Scan im Audit-Verlauf speichern.</translation>
    </message>
    <message>
        <source>The audit history file (default: %1).</source>
        <translation>Die Datei des Audit-Verlaufs (Standard: %1).</translation>
    </message>
    <message>
        <source>--baseline and --baseline-history cannot be used together</source>
        <translation>--baseline und --baseline-history können nicht zusammen verwendet werden</translation>
    </message>
    <message>
        <source>--history needs --record or --baseline-history</source>
        <translation>--history braucht --record oder --baseline-history</translation>
    </message>
    <message>
        <source>baseline %1</source>
        <translation>Baseline %1</translation>
    </message>
    <message>
        <source>the scan recorded at %1</source>
        <translation>der am %1 gespeicherte Scan</translation>
    </message>
    <message>
        <source>an empty history</source>
        <translation>ein leerer Verlauf</translation>
    </message>
    <message>
        <source>no recorded scan of %1 with pooler %2 yet: every finding is new</source>
        <translation>noch kein gespeicherter Scan von %1 mit Pooler %2: jeder Befund ist neu</translation>
    </message>
    <message>
        <source>cannot write the report to standard output: %1</source>
        <translation>Bericht kann nicht auf die Standardausgabe geschrieben werden: %1</translation>
    </message>
</context>
<context>
    <name>poolproof::gui::AddEnvironmentDialog</name>
    <message>
        <source>Add Environment</source>
        <translation>Umgebung hinzufügen</translation>
    </message>
    <message>
        <source>Environment name</source>
        <translation>Name der Umgebung</translation>
    </message>
    <message>
        <source>e.g. production-eu</source>
        <translation>z. B. production-eu</translation>
    </message>
    <message>
        <source>Connection string</source>
        <translation>Verbindungszeichenfolge</translation>
    </message>
    <message>
        <source>postgresql://user:password@host:6432/dbname?sslmode=verify-full</source>
        <translation>postgresql://user:password@host:6432/dbname?sslmode=verify-full</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Connection string:</source>
        <translation>&amp;Verbindungszeichenfolge:</translation>
    </message>
    <message>
        <source>PoolProof remembers this environment for the folder without its password: it stores the string as shown below.</source>
        <translation>PoolProof merkt sich diese Umgebung für den Ordner ohne ihr Passwort: Es speichert die Zeichenfolge so, wie unten gezeigt.</translation>
    </message>
    <message>
        <source>Remembered as: %1</source>
        <translation>Gespeichert als: %1</translation>
    </message>
</context>
<context>
    <name>poolproof::gui::AuditFromScan</name>
    <message>
        <source>chosen in the window&apos;s pooler selector</source>
        <translation>im Pooler-Auswahlfeld des Fensters gewählt</translation>
    </message>
</context>
<context>
    <name>poolproof::gui::DetailsPane</name>
    <message>
        <source>Rule details</source>
        <translation>Regeldetails</translation>
    </message>
    <message>
        <source>Select a finding to see why it breaks behind a transaction pooler and how to fix it.</source>
        <translation>Wählen Sie einen Befund aus, um zu sehen, warum er hinter einem Transaktions-Pooler bricht und wie er sich beheben lässt.</translation>
    </message>
    <message>
        <source>This finding</source>
        <translation>Dieser Befund</translation>
    </message>
    <message>
        <source>Confidence: %1</source>
        <translation>Konfidenz: %1</translation>
    </message>
    <message>
        <source>Suppressed without a reason.</source>
        <translation>Ohne Begründung unterdrückt.</translation>
    </message>
    <message>
        <source>Suppressed: %1</source>
        <translation>Unterdrückt: %1</translation>
    </message>
    <message>
        <source>on %1</source>
        <translation>auf %1</translation>
    </message>
    <message>
        <source>Why it breaks on %1</source>
        <translation>Warum es auf %1 bricht</translation>
    </message>
    <message>
        <source>Safe replacement</source>
        <translation>Sicherer Ersatz</translation>
    </message>
    <message>
        <source>Examples</source>
        <translation>Beispiele</translation>
    </message>
    <message>
        <source>Breaks:</source>
        <translation>Bricht:</translation>
    </message>
    <message>
        <source>Works:</source>
        <translation>Funktioniert:</translation>
    </message>
    <message>
        <source>Symptoms</source>
        <translation>Symptome</translation>
    </message>
    <message>
        <source>The errors this causes, as PostgreSQL or the driver reports them:</source>
        <translation>Die Fehler, die dadurch entstehen, so wie PostgreSQL oder der Treiber sie meldet:</translation>
    </message>
    <message>
        <source>References</source>
        <translation>Referenzen</translation>
    </message>
    <message>
        <source>Severity on each pooler</source>
        <translation>Schweregrad auf jedem Pooler</translation>
    </message>
</context>
<context>
    <name>poolproof::gui::EnvironmentDetails</name>
    <message>
        <source>off</source>
        <translation>aus</translation>
    </message>
    <message>
        <source>opportunistic (falls back to plain text)</source>
        <translation>opportunistisch (fällt auf Klartext zurück)</translation>
    </message>
    <message>
        <source>encrypted, server not verified</source>
        <translation>verschlüsselt, Server nicht geprüft</translation>
    </message>
    <message>
        <source>certificate verified, host name not</source>
        <translation>Zertifikat geprüft, Hostname nicht</translation>
    </message>
    <message>
        <source>certificate and host name verified</source>
        <translation>Zertifikat und Hostname geprüft</translation>
    </message>
    <message>
        <source>none in the string</source>
        <translation>keines in der Zeichenfolge</translation>
    </message>
    <message>
        <source>empty</source>
        <translation>leer</translation>
    </message>
    <message>
        <source>from %1</source>
        <translation>aus %1</translation>
    </message>
    <message>
        <source>Read by</source>
        <translation>Gelesen von</translation>
    </message>
    <message>
        <source>libpq</source>
        <translation>libpq</translation>
    </message>
    <message>
        <source>accepts it</source>
        <translation>akzeptiert sie</translation>
    </message>
    <message>
        <source>rejects it: %1</source>
        <translation>weist sie zurück: %1</translation>
    </message>
    <message>
        <source>Route</source>
        <translation>Route</translation>
    </message>
    <message>
        <source>through the pooler (%1)</source>
        <translation>über den Pooler (%1)</translation>
    </message>
    <message>
        <source>straight to the database</source>
        <translation>direkt zur Datenbank</translation>
    </message>
    <message>
        <source>Pooler expected</source>
        <translation>Pooler erwartet</translation>
    </message>
    <message>
        <source>Issues</source>
        <translation>Probleme</translation>
    </message>
    <message>
        <source>No issues: this setting is fine for the pooler profile.</source>
        <translation>Keine Probleme: Diese Einstellung passt zum Pooler-Profil.</translation>
    </message>
    <message>
        <source>Fix:</source>
        <translation>Behebung:</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Host</translation>
    </message>
    <message>
        <source>the driver&apos;s default</source>
        <translation>der Standard des Treibers</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>the default (5432)</source>
        <translation>der Standard (5432)</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Datenbank</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>nicht gesetzt</translation>
    </message>
    <message>
        <source>TLS</source>
        <translation>TLS</translation>
    </message>
    <message>
        <source>Connect timeout</source>
        <translation>Verbindungs-Timeout</translation>
    </message>
    <message>
        <source>Application name</source>
        <translation>Anwendungsname</translation>
    </message>
    <message>
        <source>Set in %1</source>
        <translation>Gesetzt in %1</translation>
    </message>
    <message>
        <source>Defined elsewhere (%1): type the value to check it.</source>
        <translation>Anderswo definiert (%1): Geben Sie den Wert ein, um ihn zu prüfen.</translation>
    </message>
    <message>
        <source>Left empty here: type a connection string to check it.</source>
        <translation>Hier leer gelassen: Geben Sie eine Verbindungszeichenfolge ein, um sie zu prüfen.</translation>
    </message>
</context>
<context>
    <name>poolproof::gui::EnvironmentEntry</name>
    <message>
        <source>added by you</source>
        <translation>von Ihnen hinzugefügt</translation>
    </message>
</context>
<context>
    <name>poolproof::gui::EnvironmentsModel</name>
    <message>
        <source>defined elsewhere: %1</source>
        <translation>anderswo definiert: %1</translation>
    </message>
    <message>
        <source>no connection settings found</source>
        <translation>keine Verbindungseinstellungen gefunden</translation>
    </message>
    <message>
        <source>left empty here</source>
        <translation>hier leer gelassen</translation>
    </message>
    <message>
        <source>Used by the application</source>
        <translation>Von der Anwendung verwendet</translation>
    </message>
    <message>
        <source>Used by migrations</source>
        <translation>Von Migrationen verwendet</translation>
    </message>
    <message>
        <source>The pooler&apos;s own connection to the database</source>
        <translation>Die eigene Verbindung des Poolers zur Datenbank</translation>
    </message>
    <message>
        <source>Not checked</source>
        <translation>Nicht geprüft</translation>
    </message>
    <message>
        <source>Edited here; the repository&apos;s files are unchanged.</source>
        <translation>Hier bearbeitet; die Dateien des Repositorys sind unverändert.</translation>
    </message>
    <message>
        <source>Verdict: %1</source>
        <translation>Bewertung: %1</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>Umgebung</translation>
    </message>
    <message>
        <source>Setting</source>
        <translation>Einstellung</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>Connection String (masked)</source>
        <translation>Verbindungszeichenfolge (maskiert)</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>Bewertung</translation>
    </message>
    <message>
        <source>Issues</source>
        <translation>Probleme</translation>
    </message>
</context>
<context>
    <name>poolproof::gui::EnvironmentsPage</name>
    <message>
        <source>&amp;Problems only</source>
        <translation>&amp;Nur Probleme</translation>
    </message>
    <message>
        <source>&amp;Add Environment…</source>
        <translation>Umgebung &amp;hinzufügen…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <source>Check &amp;Live…</source>
        <translation>&amp;Live prüfen…</translation>
    </message>
    <message>
        <source>Re&amp;vert</source>
        <translation>&amp;Zurücksetzen</translation>
    </message>
    <message>
        <source>Environments</source>
        <translation>Umgebungen</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Zusammenfassung</translation>
    </message>
    <message>
        <source>Environment details</source>
        <translation>Umgebungsdetails</translation>
    </message>
    <message>
        <source>Filter environments</source>
        <translation>Umgebungen filtern</translation>
    </message>
    <message>
        <source>Filter by environment, setting, file or host…</source>
        <translation>Nach Umgebung, Einstellung, Datei oder Host filtern…</translation>
    </message>
    <message>
        <source>Show only settings with a warning or an error</source>
        <translation>Nur Einstellungen mit einer Warnung oder einem Fehler anzeigen</translation>
    </message>
    <message>
        <source>Check a connection string that is not in the repository, e.g. from a deployment</source>
        <translation>Eine Verbindungszeichenfolge prüfen, die nicht im Repository steht, z. B. aus einem Deployment</translation>
    </message>
    <message>
        <source>Forget the selected environment you added</source>
        <translation>Die ausgewählte, von Ihnen hinzugefügte Umgebung vergessen</translation>
    </message>
    <message>
        <source>Connect to the database or pooler and compare what it says with the files</source>
        <translation>Mit der Datenbank oder dem Pooler verbinden und deren Angaben mit den Dateien vergleichen</translation>
    </message>
    <message>
        <source>&amp;Connection string:</source>
        <translation>&amp;Verbindungszeichenfolge:</translation>
    </message>
    <message>
        <source>Connection string of the selected setting</source>
        <translation>Verbindungszeichenfolge der ausgewählten Einstellung</translation>
    </message>
    <message>
        <source>Back to the string in the repository</source>
        <translation>Zurück zur Zeichenfolge im Repository</translation>
    </message>
    <message>
        <source>Checked as you type. Passwords show as ****; edits stay in this window and never change the repository. Environments you add are remembered for this folder without their passwords.</source>
        <translation>Wird bei der Eingabe geprüft. Passwörter erscheinen als ****; Änderungen bleiben in diesem Fenster und ändern nie das Repository. Hinzugefügte Umgebungen werden für diesen Ordner ohne ihre Passwörter gespeichert.</translation>
    </message>
    <message>
        <source>An environment needs a name and a connection string.</source>
        <translation>Eine Umgebung braucht einen Namen und eine Verbindungszeichenfolge.</translation>
    </message>
    <message>
        <source>Added %1; remembered for this folder without its password.</source>
        <translation>%1 hinzugefügt; für diesen Ordner ohne Passwort gespeichert.</translation>
    </message>
    <message>
        <source>Select a setting to see its issues and parameters.</source>
        <translation>Wählen Sie eine Einstellung aus, um ihre Probleme und Parameter zu sehen.</translation>
    </message>
    <message>
        <source>Defined elsewhere (%1): type the value to check it</source>
        <translation>Anderswo definiert (%1): Geben Sie den Wert ein, um ihn zu prüfen</translation>
    </message>
    <message>
        <source>Type a connection string to check it</source>
        <translation>Geben Sie eine Verbindungszeichenfolge ein, um sie zu prüfen</translation>
    </message>
    <message>
        <source>Open a folder to see its environments.</source>
        <translation>Öffnen Sie einen Ordner, um seine Umgebungen zu sehen.</translation>
    </message>
    <message>
        <source>The environments could not be read: %1</source>
        <translation>Die Umgebungen konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Environments: %1</source>
        <translation>Umgebungen: %1</translation>
    </message>
    <message>
        <source>Settings: %1</source>
        <translation>Einstellungen: %1</translation>
    </message>
    <message>
        <source>Errors: %1</source>
        <translation>Fehler: %1</translation>
    </message>
    <message>
        <source>Warnings: %1</source>
        <translation>Warnungen: %1</translation>
    </message>
    <message>
        <source>Info: %1</source>
        <translation>Info: %1</translation>
    </message>
    <message>
        <source>Pooler profile: %1 (%2)</source>
        <translation>Pooler-Profil: %1 (%2)</translation>
    </message>
    <message>
        <source>Reading the environments…</source>
        <translation>Umgebungen werden gelesen…</translation>
    </message>
</context>
<context>
    <name>poolproof::gui::ExportFormat</name>
    <message>
        <source>Markdown (*.md)</source>
        <translation>Markdown (*.md)</translation>
    </message>
    <message>
        <source>Export &amp;Markdown…</source>
        <translation>&amp;Markdown exportieren…</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>Export &amp;JSON…</source>
        <translation>&amp;JSON exportieren…</translation>
    </message>
    <message>
        <source>SARIF (*.sarif *.sarif.json)</source>
        <translation>SARIF (*.sarif *.sarif.json)</translation>
    </message>
    <message>
        <source>Export &amp;SARIF…</source>
        <translation>&amp;SARIF exportieren…</translation>
    </message>
    <message>
        <source>HTML (*.html *.htm)</source>
        <translation>HTML (*.html *.htm)</translation>
    </message>
    <message>
        <source>Export &amp;HTML…</source>
        <translation>&amp;HTML exportieren…</translation>
    </message>
</context>
<context>
    <name>poolproof::gui::ExportPage</name>
    <message>
        <source>Compatible</source>
        <translation>Kompatibel</translation>
    </message>
    <message>
        <source>Compatible with warnings</source>
        <translation>Kompatibel mit Warnungen</translation>
    </message>
    <message>
        <source>Incompatible</source>
        <translation>Inkompatibel</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>Overall status</source>
        <translation>Gesamtstatus</translation>
    </message>
    <message>
        <source>Preview of DATABASE.md</source>
        <translation>Vorschau von DATABASE.md</translation>
    </message>
    <message>
        <source>Write the report as %1</source>
        <translation>Den Bericht als %1 schreiben</translation>
    </message>
    <message>
        <source>Open a folder: once it is scanned, its audit report appears here as DATABASE.md will show it.</source>
        <translation>Öffnen Sie einen Ordner: Sobald er gescannt ist, erscheint hier sein Audit-Bericht so, wie DATABASE.md ihn zeigen wird.</translation>
    </message>
    <message>
        <source>Preparing the report of %1…</source>
        <translation>Bericht von %1 wird vorbereitet…</translation>
    </message>
    <message>
        <source>Preview of DATABASE.md for %1, pooler profile %2.</source>
        <translation>Vorschau von DATABASE.md für %1, Pooler-Profil %2.</translation>
    </message>
    <message>
        <source>The scan was cancelled: the report covers only the files scanned so far.</source>
        <translation>Der Scan wurde abgebrochen: Der Bericht umfasst nur die bisher gescannten Dateien.</translation>
    </message>
    <message>
        <source>The environments could not be read: %1</source>
        <translation>Die Umgebungen konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>There is no report yet: open a folder and let the scan finish.</source>
        <translation>Es gibt noch keinen Bericht: Öffnen Sie einen Ordner und lassen Sie den Scan abschließen.</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Export the Report</source>
        <translation>Bericht exportieren</translation>
    </message>
    <message>
        <source>Wrote %1</source>
        <translation>%1 geschrieben</translation>
    </message>
</context>
<context>
    <name>poolproof::gui::FindingsFilterBar</name>
    <message>
        <source>&amp;Group by:</source>
        <translation>&amp;Gruppieren nach:</translation>
    </message>
    <message>
        <source>Group findings by</source>
        <translation>Befunde gruppieren nach</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Regel</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Schweregrad</translation>
    </message>
    <message>
        <source>Show errors</source>
        <translation>Fehler anzeigen</translation>
    </message>
    <message>
        <source>Show warnings</source>
        <translation>Warnungen anzeigen</translation>
    </message>
    <message>
        <source>Show info findings</source>
        <translation>Info-Befunde anzeigen</translation>
    </message>
    <message>
        <source>Suppressed</source>
        <translation>Unterdrückt</translation>
    </message>
    <message>
        <source>Show suppressed findings</source>
        <translation>Unterdrückte Befunde anzeigen</translation>
    </message>
    <message>
        <source>Show findings of rule</source>
        <translation>Befunde der Regel anzeigen</translation>
    </message>
    <message>
        <source>All rules</source>
        <translation>Alle Regeln</translation>
    </message>
    <message>
        <source>Filter findings</source>
        <translation>Befunde filtern</translation>
    </message>
    <message>
        <source>Filter by file, rule or text (Ctrl+F)</source>
        <translation>Nach Datei, Regel oder Text filtern (Strg+F)</translation>
    </message>
</context>
<context>
    <name>poolproof::gui::FindingsModel</name>
    <message>
        <source>Suppressed</source>
        <translation>Unterdrückt</translation>
    </message>
    <message>
        <source>Suppressed without a reason</source>
        <translation>Ohne Begründung unterdrückt</translation>
    </message>
    <message>
        <source>Suppressed: %1</source>
        <translation>Unterdrückt: %1</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Fundstelle</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Regel</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Schweregrad</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>Konfidenz</translation>
    </message>
    <message>
        <source>Suppression</source>
        <translation>Unterdrückung</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Neu</translation>
    </message>
    <message>
        <source>Since Last Scan</source>
        <translation>Seit dem letzten Scan</translation>
    </message>
</context>
<context>
    <name>poolproof::gui::FindingsPage</name>
    <message>
        <source>Findings</source>
        <translation>Befunde</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Zusammenfassung</translation>
    </message>
    <message>
        <source>No folder scanned.</source>
        <translation>Kein Ordner gescannt.</translation>
    </message>
    <message>
        <source>Findings: %1</source>
        <translation>Befunde: %1</translation>
    </message>
    <message>
        <source>Errors: %1</source>
        <translation>Fehler: %1</translation>
    </message>
    <message>
        <source>Warnings: %1</source>
        <translation>Warnungen: %1</translation>
    </message>
    <message>
        <source>Info: %1</source>
        <translation>Info: %1</translation>
    </message>
    <message>
        <source>Suppressed: %1</source>
        <translation>Unterdrückt: %1</translation>
    </message>
    <message>
        <source>Shown: %1</source>
        <translation>Angezeigt: %1</translation>
    </message>
    <message>
        <source>Scanning…</source>
        <translation>Scan läuft…</translation>
    </message>
    <message>
        <source>Scan cancelled</source>
        <translation>Scan abgebrochen</translation>
    </message>
    <message>
        <source>Files scanned: %1 of %2</source>
        <translation>Gescannte Dateien: %1 von %2</translation>
    </message>
    <message>
        <source>Notes: %1</source>
        <translation>Hinweise: %1</translation>
    </message>
    <message>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <source>New Only</source>
        <translation>Nur neue</translation>
    </message>
    <message>
        <source>Show only the findings the previous scan of this folder did not report</source>
        <translation>Nur die Befunde anzeigen, die der vorige Scan dieses Ordners nicht gemeldet hat</translation>
    </message>
    <message>
        <source>Show only new findings</source>
        <translation>Nur neue Befunde anzeigen</translation>
    </message>
    <message>
        <source>New: %1</source>
        <translation>Neu: %1</translation>
    </message>
    <message>
        <source>Fixed: %1</source>
        <translation>Behoben: %1</translation>
    </message>
</context>
<context>
    <name>poolproof::gui::FindingsView</name>
    <message>
        <source>Findings</source>
        <translation>Befunde</translation>
    </message>
</context>
<context>
    <name>poolproof::gui::HistoryModel</name>
    <message>
        <source>Not a git work tree, or no commit yet</source>
        <translation>Kein Git-Arbeitsverzeichnis oder noch kein Commit</translation>
    </message>
    <message>
        <source>–</source>
        <translation>–</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Commit</source>
        <translation>Commit</translation>
    </message>
    <message>
        <source>Pooler Profile</source>
        <translation>Pooler-Profil</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>Befunde</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>Warnungen</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Neu</translation>
    </message>
    <message>
        <source>Fixed</source>
        <translation>Behoben</translation>
    </message>
</context>
<context>
    <name>poolproof::gui::HistoryPage</name>
    <message>
        <source>&lt;b&gt;Since the previous scan&lt;/b&gt;</source>
        <translation>&lt;b&gt;Seit dem vorigen Scan&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Recorded scans</source>
        <translation>Gespeicherte Scans</translation>
    </message>
    <message>
        <source>Changes since the previous scan</source>
        <translation>Änderungen seit dem vorigen Scan</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Zusammenfassung</translation>
    </message>
    <message>
        <source>Open a folder: every complete scan of it is recorded here, so that each scan shows what is new and what was fixed.</source>
        <translation>Öffnen Sie einen Ordner: Jeder vollständige Scan wird hier gespeichert, sodass jeder Scan zeigt, was neu ist und was behoben wurde.</translation>
    </message>
    <message>
        <source>Reading the history of %1…</source>
        <translation>Verlauf von %1 wird gelesen…</translation>
    </message>
    <message>
        <source>The history could not be used: %1</source>
        <translation>Der Verlauf konnte nicht verwendet werden: %1</translation>
    </message>
    <message>
        <source>The first recorded scan of this folder with this pooler profile: the next scan will show what is new and what was fixed.</source>
        <translation>Der erste gespeicherte Scan dieses Ordners mit diesem Pooler-Profil: Der nächste Scan zeigt, was neu ist und was behoben wurde.</translation>
    </message>
    <message>
        <source>Recorded scans of this folder: %1</source>
        <translation>Gespeicherte Scans dieses Ordners: %1</translation>
    </message>
    <message>
        <source>Compared with the scan of %1 · New: %2 · Fixed: %3</source>
        <translation>Verglichen mit dem Scan vom %1 · Neu: %2 · Behoben: %3</translation>
    </message>
    <message>
        <source>Compared with the scan of %1 (commit %2) · New: %3 · Fixed: %4</source>
        <translation>Verglichen mit dem Scan vom %1 (Commit %2) · Neu: %3 · Behoben: %4</translation>
    </message>
</context>
<context>
    <name>poolproof::gui::LiveCheckDialog</name>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>&amp;Check</source>
        <translation>&amp;Prüfen</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>&amp;Anhalten</translation>
    </message>
    <message>
        <source>Live Check: %1 · %2</source>
        <translation>Live-Prüfung: %1 · %2</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>the database user&apos;s password (not stored)</source>
        <translation>das Passwort des Datenbankbenutzers (wird nicht gespeichert)</translation>
    </message>
    <message>
        <source>Pooler admin user</source>
        <translation>Pooler-Admin-Benutzer</translation>
    </message>
    <message>
        <source>optional: a PgBouncer admin_users or stats_users entry</source>
        <translation>optional: ein Eintrag in admin_users oder stats_users von PgBouncer</translation>
    </message>
    <message>
        <source>Pooler admin password</source>
        <translation>Pooler-Admin-Passwort</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Connect timeout</source>
        <translation>Verbindungs-Timeout</translation>
    </message>
    <message>
        <source>Live check result</source>
        <translation>Ergebnis der Live-Prüfung</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <source>&amp;Admin user:</source>
        <translation>&amp;Admin-Benutzer:</translation>
    </message>
    <message>
        <source>Admin pass&amp;word:</source>
        <translation>Admin-Pass&amp;wort:</translation>
    </message>
    <message>
        <source>&amp;Timeout:</source>
        <translation>&amp;Timeout:</translation>
    </message>
    <message>
        <source>PoolProof connects with these credentials for this check only and never stores them.</source>
        <translation>PoolProof verbindet sich mit diesen Anmeldedaten nur für diese Prüfung und speichert sie nie.</translation>
    </message>
    <message>
        <source>Type the password and press Check. With an admin user, PoolProof also reads the pooler&apos;s configuration and compares it with the files.</source>
        <translation>Geben Sie das Passwort ein und klicken Sie auf „Prüfen“. Mit einem Admin-Benutzer liest PoolProof auch die Konfiguration des Poolers und vergleicht sie mit den Dateien.</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Verbindung zu %1 wird aufgebaut…</translation>
    </message>
    <message>
        <source>Connected: %1</source>
        <translation>Verbunden: %1</translation>
    </message>
    <message>
        <source>Not connected (%1)</source>
        <translation>Nicht verbunden (%1)</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>Reachable</source>
        <translation>Erreichbar</translation>
    </message>
    <message>
        <source>yes, something answers at %1:%2</source>
        <translation>ja, unter %1:%2 antwortet etwas</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>TLS</source>
        <translation>TLS</translation>
    </message>
    <message>
        <source>on</source>
        <translation>an</translation>
    </message>
    <message>
        <source>off</source>
        <translation>aus</translation>
    </message>
    <message>
        <source>Server version</source>
        <translation>Serverversion</translation>
    </message>
    <message>
        <source>PostgreSQL&apos;s own port</source>
        <translation>Eigener Port von PostgreSQL</translation>
    </message>
    <message>
        <source>Connect time</source>
        <translation>Verbindungszeit</translation>
    </message>
    <message>
        <source>Round trip</source>
        <translation>Roundtrip</translation>
    </message>
    <message>
        <source>Pooler</source>
        <translation>Pooler</translation>
    </message>
    <message>
        <source>Recognised by</source>
        <translation>Erkannt durch</translation>
    </message>
    <message>
        <source>Admin console</source>
        <translation>Admin-Konsole</translation>
    </message>
    <message>
        <source>answered</source>
        <translation>hat geantwortet</translation>
    </message>
    <message>
        <source>not used</source>
        <translation>nicht verwendet</translation>
    </message>
    <message>
        <source>Pool mode for this database</source>
        <translation>Pool-Modus für diese Datenbank</translation>
    </message>
    <message>
        <source>Matching pooler profile</source>
        <translation>Passendes Pooler-Profil</translation>
    </message>
    <message>
        <source>Mismatches with the files</source>
        <translation>Abweichungen von den Dateien</translation>
    </message>
    <message>
        <source>None.</source>
        <translation>Keine.</translation>
    </message>
    <message>
        <source>Not compared: no connection.</source>
        <translation>Nicht verglichen: keine Verbindung.</translation>
    </message>
    <message>
        <source>Fix:</source>
        <translation>Behebung:</translation>
    </message>
    <message>
        <source>Not checked</source>
        <translation>Nicht geprüft</translation>
    </message>
    <message>
        <source>Left behind on the server</source>
        <translation>Auf dem Server zurückgelassen</translation>
    </message>
    <message>
        <source>&amp;Keep passwords in the system keychain</source>
        <translation>Passwörter im &amp;Schlüsselbund des Systems aufbewahren</translation>
    </message>
    <message>
        <source>Ticked: a password left empty is taken from the system keychain, and a password that logged in is kept there. Unticked: PoolProof removes what it kept there for this connection.</source>
        <translation>Angehakt: Ein leer gelassenes Passwort wird aus dem Schlüsselbund des Systems genommen, und ein Passwort, mit dem die Anmeldung gelang, wird dort aufbewahrt. Nicht angehakt: PoolProof entfernt, was es dort für diese Verbindung aufbewahrt hat.</translation>
    </message>
    <message>
        <source>empty: the password kept in the system keychain</source>
        <translation>leer: das im Schlüsselbund des Systems aufbewahrte Passwort</translation>
    </message>
    <message>
        <source>PoolProof connects with these credentials and keeps the passwords that log in in the system keychain, nowhere else.</source>
        <translation>PoolProof verbindet sich mit diesen Zugangsdaten und bewahrt Passwörter, mit denen die Anmeldung gelingt, im Schlüsselbund des Systems auf, nirgends sonst.</translation>
    </message>
    <message>
        <source>The password came from the system keychain.</source>
        <translation>Das Passwort stammt aus dem Schlüsselbund des Systems.</translation>
    </message>
    <message>
        <source>The admin console password came from the system keychain.</source>
        <translation>Das Admin-Konsolen-Passwort stammt aus dem Schlüsselbund des Systems.</translation>
    </message>
    <message>
        <source>Kept in the system keychain: %1.</source>
        <translation>Im Schlüsselbund des Systems aufbewahrt: %1.</translation>
    </message>
    <message>
        <source>Removed what the system keychain kept for this connection.</source>
        <translation>Entfernt, was der Schlüsselbund des Systems für diese Verbindung aufbewahrt hatte.</translation>
    </message>
    <message>
        <source>The system keychain could not be used: %1</source>
        <translation>Der Schlüsselbund des Systems ließ sich nicht verwenden: %1</translation>
    </message>
    <message>
        <source>System keychain</source>
        <translation>Schlüsselbund des Systems</translation>
    </message>
</context>
<context>
    <name>poolproof::gui::MainWindow</name>
    <message>
        <source>PoolProof</source>
        <translation>PoolProof</translation>
    </message>
    <message>
        <source>%1 – PoolProof</source>
        <translation>%1 – PoolProof</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>%1 geöffnet</translation>
    </message>
    <message>
        <source>Open File</source>
        <translation>Datei öffnen</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Start</translation>
    </message>
    <message>
        <source>&amp;Findings</source>
        <translation>&amp;Befunde</translation>
    </message>
    <message>
        <source>&amp;Open Folder…</source>
        <translation>Ordner ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>Open a folder and scan it (Ctrl+O)</source>
        <translation>Einen Ordner öffnen und scannen (Strg+O)</translation>
    </message>
    <message>
        <source>Open &amp;File…</source>
        <translation>&amp;Datei öffnen…</translation>
    </message>
    <message>
        <source>Open the &amp;Sample Backend</source>
        <translation>Bei&amp;spiel-Backend öffnen</translation>
    </message>
    <message>
        <source>&amp;Rescan</source>
        <translation>&amp;Erneut scannen</translation>
    </message>
    <message>
        <source>Scan the folder again (F5)</source>
        <translation>Den Ordner erneut scannen (F5)</translation>
    </message>
    <message>
        <source>&amp;Cancel Scan</source>
        <translation>Scan &amp;abbrechen</translation>
    </message>
    <message>
        <source>Stop the running scan (Esc)</source>
        <translation>Den laufenden Scan anhalten (Esc)</translation>
    </message>
    <message>
        <source>&amp;Next Finding</source>
        <translation>&amp;Nächster Befund</translation>
    </message>
    <message>
        <source>&amp;Previous Finding</source>
        <translation>&amp;Vorheriger Befund</translation>
    </message>
    <message>
        <source>&amp;Filter Findings</source>
        <translation>Befunde &amp;filtern</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>&amp;About PoolProof</source>
        <translation>Über &amp;PoolProof</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>&amp;Scan</source>
        <translation>&amp;Scan</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>&amp;Gehe zu</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Hauptwerkzeugleiste</translation>
    </message>
    <message>
        <source>&amp;Pooler:</source>
        <translation>&amp;Pooler:</translation>
    </message>
    <message>
        <source>%1 is not a folder</source>
        <translation>%1 ist kein Ordner</translation>
    </message>
    <message>
        <source>The sample backend was not found (set POOLPROOF_SAMPLE_DIR to its folder).</source>
        <translation>Das Beispiel-Backend wurde nicht gefunden (POOLPROOF_SAMPLE_DIR auf seinen Ordner setzen).</translation>
    </message>
    <message>
        <source>Cancelling the scan…</source>
        <translation>Scan wird abgebrochen…</translation>
    </message>
    <message>
        <source>Scanning %1…</source>
        <translation>Scanne %1…</translation>
    </message>
    <message>
        <source>Scan cancelled: %1 of %2 files scanned.</source>
        <translation>Scan abgebrochen: %1 von %2 Dateien gescannt.</translation>
    </message>
    <message>
        <source>Scan finished in %1 s.</source>
        <translation>Scan in %1 s abgeschlossen.</translation>
    </message>
    <message>
        <source>&amp;Clear List</source>
        <translation>Liste &amp;leeren</translation>
    </message>
    <message>
        <source>Open Folder</source>
        <translation>Ordner öffnen</translation>
    </message>
    <message>
        <source>About PoolProof</source>
        <translation>Über PoolProof</translation>
    </message>
    <message>
        <source>&lt;h3&gt;PoolProof %1&lt;/h3&gt;&lt;p&gt;Tells whether a backend is ready for PgBouncer in transaction pooling mode, and why not.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;PoolProof %1&lt;/h3&gt;&lt;p&gt;Sagt, ob ein Backend bereit für PgBouncer im Transaktions-Pooling-Modus ist, und wenn nicht, warum.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;Environments</source>
        <translation>&amp;Umgebungen</translation>
    </message>
    <message>
        <source>E&amp;xport</source>
        <translation>E&amp;xport</translation>
    </message>
    <message>
        <source>&amp;History</source>
        <translation>&amp;Verlauf</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>Seiten</translation>
    </message>
</context>
<context>
    <name>poolproof::gui::NoticeBar</name>
    <message>
        <source>Close this notice</source>
        <translation>Diesen Hinweis schließen</translation>
    </message>
</context>
<context>
    <name>poolproof::gui::ProfileSelector</name>
    <message>
        <source>Pooler profile</source>
        <translation>Pooler-Profil</translation>
    </message>
    <message>
        <source>The pooler (and version) the findings are graded for</source>
        <translation>Der Pooler (und seine Version), für den die Befunde bewertet werden</translation>
    </message>
</context>
<context>
    <name>poolproof::gui::ScanChangesModel</name>
    <message>
        <source>New</source>
        <translation>Neu</translation>
    </message>
    <message>
        <source>Fixed</source>
        <translation>Behoben</translation>
    </message>
    <message>
        <source>No longer reported</source>
        <translation>Nicht mehr gemeldet</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Änderung</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Schweregrad</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Regel</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Fundstelle</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
</context>
<context>
    <name>poolproof::gui::ScanProgressWidget</name>
    <message>
        <source>Scan progress</source>
        <translation>Scan-Fortschritt</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Cancel the scan (Esc)</source>
        <translation>Den Scan abbrechen (Esc)</translation>
    </message>
    <message>
        <source>Cancel the scan</source>
        <translation>Den Scan abbrechen</translation>
    </message>
    <message>
        <source>%1 of %2 files · %3 of %4 MB</source>
        <translation>%1 von %2 Dateien · %3 von %4 MB</translation>
    </message>
    <message>
        <source>Listing files…</source>
        <translation>Dateien werden aufgelistet…</translation>
    </message>
</context>
<context>
    <name>poolproof::gui::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Systemstandard</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Sprache:</translation>
    </message>
    <message>
        <source>A new language is applied when PoolProof starts next.</source>
        <translation>Eine neue Sprache wird beim nächsten Start von PoolProof übernommen.</translation>
    </message>
</context>
<context>
    <name>poolproof::gui::SeverityStyle</name>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>Info</source>
        <translation>Info</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>Warnungen</translation>
    </message>
    <message>
        <source>High</source>
        <translation>Hoch</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>Mittel</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>Niedrig</translation>
    </message>
</context>
<context>
    <name>poolproof::gui::SourcePane</name>
    <message>
        <source>File shown</source>
        <translation>Angezeigte Datei</translation>
    </message>
    <message>
        <source>Syntax</source>
        <translation>Syntax</translation>
    </message>
    <message>
        <source>No file selected</source>
        <translation>Keine Datei ausgewählt</translation>
    </message>
    <message>
        <source>This file is large (%1): it is shown without syntax highlighting so that the window stays responsive. Loading…</source>
        <translation>Diese Datei ist groß (%1): Sie wird ohne Syntaxhervorhebung angezeigt, damit das Fenster reaktionsfähig bleibt. Wird geladen…</translation>
    </message>
    <message>
        <source>This file is large (%1): it is shown without syntax highlighting so that the window stays responsive.</source>
        <translation>Diese Datei ist groß (%1): Sie wird ohne Syntaxhervorhebung angezeigt, damit das Fenster reaktionsfähig bleibt.</translation>
    </message>
</context>
<context>
    <name>poolproof::gui::SourceView</name>
    <message>
        <source>Source</source>
        <translation>Quelltext</translation>
    </message>
    <message>
        <source>Plain text</source>
        <translation>Klartext</translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>%1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>Plain text (highlighting off)</source>
        <translation>Klartext (Hervorhebung aus)</translation>
    </message>
</context>
<context>
    <name>poolproof::gui::StartPage</name>
    <message>
        <source>Open the &amp;Sample Backend</source>
        <translation>Bei&amp;spiel-Backend öffnen</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>PoolProof</source>
        <translation>PoolProof</translation>
    </message>
    <message>
        <source>Is your backend ready for PgBouncer in transaction pooling mode? Open its folder: PoolProof reads the code and the SQL in it and tells you what breaks behind the pooler, why, and how to fix it.</source>
        <translation>Ist Ihr Backend bereit für PgBouncer im Transaktions-Pooling-Modus? Öffnen Sie seinen Ordner: PoolProof liest den Code und das SQL darin und sagt Ihnen, was hinter dem Pooler bricht, warum und wie es sich beheben lässt.</translation>
    </message>
    <message>
        <source>&amp;Open Folder…</source>
        <translation>Ordner ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>Open a folder to scan</source>
        <translation>Einen Ordner zum Scannen öffnen</translation>
    </message>
    <message>
        <source>Open the sample backend</source>
        <translation>Das Beispiel-Backend öffnen</translation>
    </message>
    <message>
        <source>FreshTrack, a small Node.js backend with typical transaction-pooling problems</source>
        <translation>FreshTrack, ein kleines Node.js-Backend mit typischen Problemen beim Transaktionspooling</translation>
    </message>
    <message>
        <source>Recent folders</source>
        <translation>Zuletzt verwendete Ordner</translation>
    </message>
    <message>
        <source>You can also drop a folder onto this window.</source>
        <translation>Sie können auch einen Ordner auf dieses Fenster ziehen.</translation>
    </message>
    <message>
        <source>The sample backend was not found next to the program (set POOLPROOF_SAMPLE_DIR).</source>
        <translation>Das Beispiel-Backend wurde nicht neben dem Programm gefunden (POOLPROOF_SAMPLE_DIR setzen).</translation>
    </message>
</context>
</TS>
