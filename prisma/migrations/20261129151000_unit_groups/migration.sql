-- A group unit written in a plan (`各县、区人民政府`) and the units it stands for. `source` is
-- "plan" when read from the units the plan names, "admin" when set with /unit group.
CREATE TABLE "UnitGroupMember" (
    "groupId" INTEGER NOT NULL,
    "memberId" INTEGER NOT NULL,
    "source" TEXT NOT NULL DEFAULT 'plan',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "UnitGroupMember_pkey" PRIMARY KEY ("groupId","memberId")
);

CREATE INDEX "UnitGroupMember_memberId_idx" ON "UnitGroupMember"("memberId");

ALTER TABLE "UnitGroupMember" ADD CONSTRAINT "UnitGroupMember_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

ALTER TABLE "UnitGroupMember" ADD CONSTRAINT "UnitGroupMember_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
