#!/bin/sh
# Prisma's CLI insists that a native schema-engine binary exists, although with the TypeScript
# engine and a driver adapter (prisma/prisma.config.ts) it never runs it. The binary cannot be
# downloaded on our machines, so PRISMA_SCHEMA_ENGINE_BINARY points here.
echo "The native Prisma schema engine is not used by OmaKoulu (driver adapters + engine: js)." >&2
exit 1
