# -*- coding: utf-8 -*-
# golive stand-in manifest (only the keys a deployment pipeline reads)
{
    'name': 'Base',
    'version': '1.3',
    'category': 'Hidden',
    'depends': [],
    'license': 'LGPL-3',
    'author': 'Odoo S.A.',
    'auto_install': False,
    'installable': True,
}
