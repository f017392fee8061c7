{{ config(materialized='table') }}
select category, count(*) as items, sum(amount) as total from {{ ref('stg_items') }} group by category
