import { DataTypes, Model, Op, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import type { OrderLine } from '@omniflow/contracts';
import type { PricedLine } from '@omniflow/contracts/orders';
import type { Migration } from '@omniflow/lib';
import { HttpError } from '../http/errors';

/** Prices lines from the catalog; the client's own figure is only ever compared against this. */
export interface Catalog {
  price(lines: OrderLine[]): Promise<PricedLine[]>;
}

export class Product extends Model<InferAttributes<Product>, InferCreationAttributes<Product>> {
  declare sku: string;
  declare name: string;
  declare priceCents: number;
}

export const catalogMigrations: Migration[] = [
  {
    id: '0001-products',
    statements: [
      `CREATE TABLE IF NOT EXISTS products (
           sku VARCHAR(64) NOT NULL PRIMARY KEY,
           name VARCHAR(255) NOT NULL,
           price_cents BIGINT NOT NULL,
           CONSTRAINT products_price_positive CHECK (price_cents > 0)
         ) ENGINE=InnoDB`,
    ],
  },
];

/** The README's examples depend on these prices: iPhone15 at 500, MacPro at 20000. */
const DEMO_PRODUCTS = [
  { sku: 'iPhone15', name: 'iPhone 15', priceCents: 500_00 },
  { sku: 'MacPro', name: 'Mac Pro', priceCents: 20_000_00 },
  { sku: 'AirPods', name: 'AirPods Pro', priceCents: 249_00 },
  { sku: 'iPad', name: 'iPad Air', priceCents: 599_00 },
];

export async function seedCatalog(sequelize: Sequelize): Promise<void> {
  for (const product of DEMO_PRODUCTS) {
    await sequelize.query('INSERT IGNORE INTO products (sku, name, price_cents) VALUES (?, ?, ?)', {
      replacements: [product.sku, product.name, product.priceCents],
    });
  }
}

export function sqlCatalog(sequelize: Sequelize): Catalog {
  Product.init(
    {
      sku: { type: DataTypes.STRING(64), primaryKey: true },
      name: { type: DataTypes.STRING(255), allowNull: false },
      priceCents: { type: DataTypes.BIGINT, allowNull: false, get() { return Number(this.getDataValue('priceCents')); } },
    },
    { sequelize, tableName: 'products' },
  );
  return {
    async price(lines) {
      const products = await Product.findAll({ where: { sku: { [Op.in]: lines.map((line) => line.sku) } } });
      const priceOf = new Map(products.map((product) => [product.sku, product.priceCents]));
      const unknown = lines.filter((line) => !priceOf.has(line.sku)).map((line) => line.sku);
      if (unknown.length > 0) throw new HttpError(422, 'unknown_sku', `not in the catalog: ${unknown.join(', ')}`);
      return lines.map((line) => ({ ...line, unitPriceCents: priceOf.get(line.sku)! }));
    },
  };
}
