select id, name, category, amount from {{ ref('raw_items') }}
