-- A small products table for the Wasm SQL function examples (see README.md).
CREATE TABLE products(
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    description TEXT NOT NULL,
    price REAL NOT NULL
);

INSERT INTO products(name, description, price) VALUES
    ('Aria Pro', 'Wireless headphones with active noise cancelling and 30 hours of battery', 249.00),
    ('Aria Lite', 'Lightweight wireless on-ear headphones, foldable, with a built-in microphone', 89.90),
    ('Studio 7', 'Wired studio headphones with a detachable cable, for mixing and monitoring', 129.00),
    ('Pulse Buds', 'True wireless earbuds with a charging case, sweat resistant', 59.00),
    ('Glide M2', 'Wireless mouse, ergonomic, silent clicks, USB receiver', 24.50),
    ('Boom 360', 'Portable Bluetooth speaker, waterproof, deep bass', 79.00),
    ('Trail Cam', 'Wireless security camera for outdoor use with night vision', 119.00),
    ('Nomad Headset', 'Headphones for calls: wireless headset with a boom microphone', 99.00),
    ('Keys K1', 'Mechanical keyboard, wired, hot-swappable switches', 109.00),
    ('HeadRest', 'Memory foam neck pillow for travel', 19.90);
