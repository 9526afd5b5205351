<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>Cli</name>
    <message>
        <source>Usage: poolproof-cli COMMAND [OPTIONS]

Commands:
  sql-check SQL...   tell, statement by statement, what SQL does to session state

Options:
  --version          print the version
  --help             print this help; COMMAND --help for a command's options
</source>
        <translation>Aufruf: poolproof-cli BEFEHL [OPTIONEN]

Befehle:
  sql-check SQL...   Anweisung für Anweisung sagen, was SQL mit dem Sitzungszustand macht

Optionen:
  --version          die Version ausgeben
  --help             diese Hilfe ausgeben; BEFEHL --help für die Optionen eines Befehls
</translation>
    </message>
    <message>
        <source>unknown command "%1"</source>
        <translation>unbekannter Befehl „%1“</translation>
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
        <source>unknown format "%1" (use text or json)</source>
        <translation>unbekanntes Format „%1“ (text oder json verwenden)</translation>
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
        <source>session-level RESET: changes the server connection's settings for whoever uses it next</source>
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
        <source>A file to show.</source>
        <translation>Eine anzuzeigende Datei.</translation>
    </message>
    <message>
        <source>Save a screenshot of the window to FILE and quit.</source>
        <translation>Ein Bildschirmfoto des Fensters in DATEI speichern und beenden.</translation>
    </message>
</context>
<context>
    <name>poolproof::cli</name>
    <message>
        <source>error: %1</source>
        <translation>Fehler: %1</translation>
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
        <source>&amp;Open File…</source>
        <translation>Datei ö&amp;ffnen …</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
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
</context>
</TS>