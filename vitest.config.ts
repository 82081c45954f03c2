import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    environment: "node",
    // Hang guards, not speed goals (those live in `npm run bench`): on a machine whose cores are busy
    // with other work a PGlite start and migration alone can take a minute, so both are generous.
    testTimeout: 180_000,
    hookTimeout: 300_000,
    pool: "forks",
    globalSetup: ["test/helpers/global-setup.ts"],
  },
});
