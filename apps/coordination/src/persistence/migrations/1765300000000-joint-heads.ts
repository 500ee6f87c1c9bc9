import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The joint office's id index and aggregate heads, kept between sessions: rebuilt from the headers of every joint
 * event at each start, they took ~32 s of a restart holding 1M events (~570k joint events).
 */
export class CoordinationJointHeads1765300000000 implements MigrationInterface {
  name = 'CoordinationJointHeads1765300000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `CREATE TABLE "coordination_joint_heads" ("name" text NOT NULL, "stream" text NOT NULL, "stream_created" text NOT NULL, "last_seq" bigint NOT NULL, "state" bytea NOT NULL, "written_at" timestamptz NOT NULL, CONSTRAINT "coordination_joint_heads_pkey" PRIMARY KEY ("name"))`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "coordination_joint_heads"`);
  }
}
