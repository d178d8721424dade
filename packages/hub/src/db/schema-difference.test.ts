import { describe, expect, it } from 'vitest';
import { splitStatements } from '../cli/migrate.command.js';
import { checkedItems } from './schema-difference.js';

const TRAINING = "CREATE TABLE `training` (`id` text not null, `topic` text check (`topic` in ('ETHICS', 'OTHER')) not null, `kind` text check (`kind` in ('L''ACHAT', 'B')) null, `title` text not null, primary key (`id`))";

describe('reading the items of an enum column back from a SQLite table', () => {
  it('reads the items of the CHECK constraint of the column asked for, in order', () => {
    expect(checkedItems(TRAINING, 'topic')).toEqual(['ETHICS', 'OTHER']);
  });

  it('reads an item holding a doubled quote as one item with one quote', () => {
    expect(checkedItems(TRAINING, 'kind')).toEqual(["L'ACHAT", 'B']);
  });

  it('answers null for a column without such a constraint, so it counts as changed', () => {
    expect(checkedItems(TRAINING, 'title')).toBeNull();
  });
});

describe('splitting the SQL of a migration into statements', () => {
  it('splits statements glued on one line, as SQLite runs only the first statement of a string', () => {
    expect(splitStatements('pragma foreign_keys = on;alter table `organisation` add column `website` text null;\n')).toEqual([
      'pragma foreign_keys = on;',
      'alter table `organisation` add column `website` text null;',
    ]);
  });

  it('keeps a semicolon inside a quoted value or name within its statement', () => {
    expect(splitStatements("insert into `a;b` values ('x;y', 'it''s; fine');\nselect 1")).toEqual([
      "insert into `a;b` values ('x;y', 'it''s; fine');",
      'select 1;',
    ]);
  });
});
