// The yardstick for the warm start: PGlite alone reopening a data directory and answering one
// query, with the bot's options. Prints "ok" when the answer is in.
import { PGlite } from "@electric-sql/pglite";

const db = await PGlite.create(process.argv[2], { postgresqlconf: ["shared_buffers = 16MB"] });
await db.query(`SELECT count(*) FROM "Plan"`);
process.stdout.write("ok\n");
await db.close();
